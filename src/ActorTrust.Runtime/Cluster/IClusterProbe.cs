namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// Liveness probes of other nodes (HTTP/2 <c>/rt/v1/probe</c> and <c>/rt/v1/probe-via</c> in production, a hub in
/// tests): direct, or indirect through an intermediary that probes the target on this node's behalf.
/// </summary>
public interface IClusterProbe
{
    /// <summary>
    /// True when <paramref name="target"/> answered as that exact incarnation before the token fired; false when it
    /// did not answer, answered as another incarnation, or the call failed.
    /// </summary>
    Task<bool> ProbeAsync(NodeId target, CancellationToken cancellationToken);

    /// <summary>
    /// Asks <paramref name="intermediary"/> to probe <paramref name="target"/> within <paramref name="timeout"/> and
    /// say whether it answered. <see cref="IndirectProbeResult.NoAnswer"/> when the intermediary itself did not answer
    /// (unreachable, refused, malformed answer, or the token fired first).
    /// </summary>
    Task<IndirectProbeResult> ProbeViaAsync(NodeId intermediary, NodeId target, TimeSpan timeout, CancellationToken cancellationToken);
}
