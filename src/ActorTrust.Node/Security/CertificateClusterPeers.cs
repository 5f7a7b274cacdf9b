using ActorTrust.Runtime.Cluster.Transport;
using Microsoft.AspNetCore.Http;

namespace ActorTrust.Node.Security;

/// <summary>
/// The secure <see cref="IClusterPeerAuthenticator"/>: the caller must present a TLS client certificate that chains to
/// the cluster CA and names a node (<c>actortrust://node/&lt;id&gt;</c>), and may send envelopes only as that node
/// (<see cref="PeerIdentity.MayPresent"/>). Refusals are counted and logged with the remote address.
/// </summary>
public sealed class CertificateClusterPeers(CertificateValidator validator, SecurityLog log) : IClusterPeerAuthenticator
{
    private const string IdentityItem = "actortrust.cluster-peer";

    /// <inheritdoc />
    public async ValueTask<string?> RefuseCallerAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var certificate = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync(cancellationToken);
        var (reason, code) = certificate is null
            ? ("a node certificate from the cluster CA is required", "missing")
            : validator.Check(certificate) is { } problem
                ? ($"node certificate '{certificate.Subject}' refused: {problem}", problem.Contains("expired", StringComparison.Ordinal) ? "certificate_expired" : "certificate_invalid")
                : PeerIdentity.Of(certificate) is { NodeId: not null } identity
                    ? Accept(context, identity)
                    : ($"certificate '{certificate.Subject}' names no node", "not_a_node");
        if (reason is not null)
        {
            log.Failed("cluster", context.Connection.RemoteIpAddress?.ToString(), reason, code!);
        }

        return reason;
    }

    /// <inheritdoc />
    public string? RefuseSender(HttpContext context, string fromNode)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[IdentityItem] is PeerIdentity identity && identity.MayPresent(fromNode))
        {
            return null;
        }

        var name = (context.Items[IdentityItem] as PeerIdentity)?.NodeId ?? "(none)";
        var reason = $"the certificate of node '{name}' may not send envelopes as '{fromNode}'";
        log.Failed("cluster", context.Connection.RemoteIpAddress?.ToString(), reason, "identity_mismatch");
        return reason;
    }

    private static (string?, string?) Accept(HttpContext context, PeerIdentity identity)
    {
        context.Items[IdentityItem] = identity;
        return (null, null);
    }
}
