using Microsoft.AspNetCore.Http;

namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>
/// Decides who may call the cluster routes. A secure node checks the caller's TLS client certificate (it must chain to
/// the cluster CA and name a node) and that every envelope's <see cref="ClusterEnvelope.FromNode"/> is the node the
/// certificate names; an insecure loopback node allows everyone (<see cref="AllowAllClusterPeers"/>).
/// </summary>
public interface IClusterPeerAuthenticator
{
    /// <summary>Null when the connection belongs to a cluster node, else why not (answered 401; nothing runs).</summary>
    ValueTask<string?> RefuseCallerAsync(HttpContext context, CancellationToken cancellationToken);

    /// <summary>Null when the authenticated caller may send as <paramref name="fromNode"/>, else why not (answered 403; nothing runs).</summary>
    string? RefuseSender(HttpContext context, string fromNode);
}

/// <summary>Lets every caller in: insecure mode (loopback only) and in-process tests.</summary>
public sealed class AllowAllClusterPeers : IClusterPeerAuthenticator
{
    /// <summary>The one instance.</summary>
    public static AllowAllClusterPeers Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<string?> RefuseCallerAsync(HttpContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    /// <inheritdoc />
    public string? RefuseSender(HttpContext context, string fromNode) => null;
}
