using System.Security.Cryptography.X509Certificates;
using ActorTrust.Runtime.Cluster.Security;

namespace ActorTrust.Node.Security;

/// <summary>Who a certificate names: a node (<c>actortrust://node/…</c>) or a client principal with a role.</summary>
/// <param name="NodeId">The node id of a node certificate, else null.</param>
/// <param name="Principal">The principal of a client certificate, else null.</param>
/// <param name="Role">The client certificate's API role (<see cref="ApiRole.None"/> for node certificates).</param>
public sealed record PeerIdentity(string? NodeId, string? Principal, ApiRole Role)
{
    /// <summary><c>actortrust://node/&lt;id&gt;</c>.</summary>
    public static string NodeUri(string nodeId) => ClusterCertificates.NodeUri(nodeId);

    /// <summary><c>actortrust://principal/&lt;p&gt;</c>.</summary>
    public static string PrincipalUri(string principal) => $"{ClusterCertificates.Scheme}://principal/{Uri.EscapeDataString(principal)}";

    /// <summary><c>actortrust://role/&lt;role&gt;</c>.</summary>
    public static string RoleUri(ApiRole role) => $"{ClusterCertificates.Scheme}://role/{ApiRoles.Name(role)}";

    /// <summary>Reads the identity URIs of <paramref name="certificate"/>; a certificate without any names nobody.</summary>
    public static PeerIdentity Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        string? node = null, principal = null;
        var role = ApiRole.None;
        foreach (var (kind, value) in ClusterCertificates.Identities(certificate))
        {
            switch (kind)
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
    public bool MayPresent(string fromNode) => NodeCertificateIdentity.MayPresent(NodeId, fromNode);
}
