using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace ActorTrust.Node.Security;

/// <summary>Who a certificate names: a node (<c>actortrust://node/…</c>) or a client principal with a role.</summary>
/// <param name="NodeId">The node id of a node certificate, else null.</param>
/// <param name="Principal">The principal of a client certificate, else null.</param>
/// <param name="Role">The client certificate's API role (<see cref="ApiRole.None"/> for node certificates).</param>
public sealed record PeerIdentity(string? NodeId, string? Principal, ApiRole Role)
{
    private const string Scheme = "actortrust";

    /// <summary><c>actortrust://node/&lt;id&gt;</c>.</summary>
    public static string NodeUri(string nodeId) => $"{Scheme}://node/{Uri.EscapeDataString(nodeId)}";

    /// <summary><c>actortrust://principal/&lt;p&gt;</c>.</summary>
    public static string PrincipalUri(string principal) => $"{Scheme}://principal/{Uri.EscapeDataString(principal)}";

    /// <summary><c>actortrust://role/&lt;role&gt;</c>.</summary>
    public static string RoleUri(ApiRole role) => $"{Scheme}://role/{ApiRoles.Name(role)}";

    /// <summary>Reads the identity URIs of <paramref name="certificate"/>; a certificate without any names nobody.</summary>
    public static PeerIdentity Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        string? node = null, principal = null;
        var role = ApiRole.None;
        foreach (var uri in UriSans(certificate))
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme != Scheme)
            {
                continue;
            }

            var value = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/'));
            switch (parsed.Host)
            {
                case "node":
                    node = value;
                    break;
                case "principal":
                    principal = value;
                    break;
                case "role" when ApiRoles.TryParse(value, out var parsedRole):
                    role = parsedRole;
                    break;
            }
        }

        return new PeerIdentity(node, principal, principal is null ? ApiRole.None : role);
    }

    /// <summary>
    /// True when this node identity may present <paramref name="fromNode"/> (<c>host:port:incarnation</c>): the
    /// certificate's node id is either the endpoint <c>host:port</c> or just the host (any port on it).
    /// </summary>
    public bool MayPresent(string fromNode)
    {
        if (NodeId is null || !Runtime.Cluster.NodeId.TryParse(fromNode, out var node) || node is null)
        {
            return false;
        }

        return string.Equals(NodeId, node.Endpoint, StringComparison.OrdinalIgnoreCase)
            || string.Equals(NodeId, node.Host, StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> UriSans(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions["2.5.29.17"];
        if (extension is null)
        {
            return [];
        }

        var uris = new List<string>();
        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (reader.HasData)
            {
                var tag = reader.PeekTag();
                if (tag == uriTag)
                {
                    uris.Add(reader.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
                }
                else
                {
                    reader.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            return [];
        }

        return uris;
    }
}
