using System.Globalization;

namespace ActorTrust.Runtime.Cluster.Security;

/// <summary>
/// What the node id in a certificate (<c>actortrust://node/&lt;id&gt;</c>) allows: the id is either an endpoint
/// <c>host:port</c> (exactly that node) or just a host (any port on it).
/// </summary>
public static class NodeCertificateIdentity
{
    /// <summary>True when a certificate naming <paramref name="certificateNodeId"/> may present <paramref name="fromNode"/> (<c>host:port:incarnation</c>).</summary>
    public static bool MayPresent(string? certificateNodeId, string fromNode)
    {
        if (certificateNodeId is null || !NodeId.TryParse(fromNode, out var node) || node is null)
        {
            return false;
        }

        return string.Equals(certificateNodeId, node.Endpoint, StringComparison.OrdinalIgnoreCase)
            || string.Equals(certificateNodeId, node.Host, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when the host part of <paramref name="certificateNodeId"/> is <paramref name="targetHost"/>, the host a connection was made to.</summary>
    public static bool NamesHost(string certificateNodeId, string? targetHost)
    {
        ArgumentNullException.ThrowIfNull(certificateNodeId);
        if (string.IsNullOrEmpty(targetHost))
        {
            return false;
        }

        var colon = certificateNodeId.LastIndexOf(':');
        var host = colon > 0 && int.TryParse(certificateNodeId.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? certificateNodeId[..colon]
            : certificateNodeId;
        return string.Equals(host.Trim('[', ']'), targetHost.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);
    }
}
