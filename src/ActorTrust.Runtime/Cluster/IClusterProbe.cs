namespace ActorTrust.Runtime.Cluster;

/// <summary>A direct liveness probe of another node (HTTP/2 <c>/rt/v1/probe</c> in production, a hub in tests).</summary>
public interface IClusterProbe
{
    /// <summary>
    /// True when <paramref name="target"/> answered as that exact incarnation before the token fired; false when it
    /// did not answer, answered as another incarnation, or the call failed.
    /// </summary>
    Task<bool> ProbeAsync(NodeId target, CancellationToken cancellationToken);
}
