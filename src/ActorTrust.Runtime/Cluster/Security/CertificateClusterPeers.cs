using ActorTrust.Runtime.Cluster.Transport;
using Microsoft.AspNetCore.Http;

namespace ActorTrust.Runtime.Cluster.Security;

/// <summary>
/// The secure <see cref="IClusterPeerAuthenticator"/>: the caller must present a TLS client certificate that chains to
/// the cluster CA and names a node (<c>actortrust://node/&lt;id&gt;</c>), and may send envelopes only as that node
/// (<see cref="NodeCertificateIdentity.MayPresent"/>). Every refusal goes to <paramref name="refused"/> with the remote
/// address, the reason and a short reason code (the node counts and logs them).
/// </summary>
public sealed class CertificateClusterPeers(CertificateValidator validator, Action<string?, string, string>? refused = null) : IClusterPeerAuthenticator
{
    private const string NodeItem = "actortrust.cluster-peer-node";

    /// <inheritdoc />
    public async ValueTask<string?> RefuseCallerAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var certificate = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync(cancellationToken);
        var (reason, code) = certificate is null
            ? ("a node certificate from the cluster CA is required", "missing")
            : validator.Check(certificate) is { } problem
                ? ($"node certificate '{certificate.Subject}' refused: {problem}", problem.Contains("expired", StringComparison.Ordinal) ? "certificate_expired" : "certificate_invalid")
                : ClusterCertificates.NodeIdOf(certificate) is { } node
                    ? Accept(context, node)
                    : ($"certificate '{certificate.Subject}' names no node", "not_a_node");
        if (reason is not null)
        {
            refused?.Invoke(context.Connection.RemoteIpAddress?.ToString(), reason, code!);
        }

        return reason;
    }

    /// <inheritdoc />
    public string? RefuseSender(HttpContext context, string fromNode)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = context.Items[NodeItem] as string;
        if (NodeCertificateIdentity.MayPresent(node, fromNode))
        {
            return null;
        }

        var reason = $"the certificate of node '{node ?? "(none)"}' may not send envelopes as '{fromNode}'";
        refused?.Invoke(context.Connection.RemoteIpAddress?.ToString(), reason, "identity_mismatch");
        return reason;
    }

    private static (string?, string?) Accept(HttpContext context, string node)
    {
        context.Items[NodeItem] = node;
        return (null, null);
    }
}
