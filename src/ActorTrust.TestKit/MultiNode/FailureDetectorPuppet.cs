using ActorTrust.Runtime.Cluster;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>
/// A node's probe with a test override (Akka's FailureDetectorPuppet, engines.md §3.2 and §8.6): a member marked
/// suspect is treated as missed by this node's whole failure detector: its direct probes fail at once, its indirect
/// probes come back not reached, and, as an intermediary, this node reports it not reached to others. Everything
/// else goes to the real probe.
/// </summary>
public sealed class FailureDetectorPuppet(IClusterProbe inner) : IClusterProbe
{
    private readonly Lock _gate = new();
    private readonly HashSet<NodeId> _suspected = [];

    /// <summary>The members marked suspect now.</summary>
    public IReadOnlyList<NodeId> Suspected
    {
        get
        {
            lock (_gate)
            {
                return [.. _suspected];
            }
        }
    }

    /// <summary>From now on this node's failure detector treats <paramref name="target"/> as missed.</summary>
    public void MarkSuspect(NodeId target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_gate)
        {
            _suspected.Add(target);
        }
    }

    /// <summary>Ends <see cref="MarkSuspect"/> for <paramref name="target"/>: its probes are real again.</summary>
    public void Clear(NodeId target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_gate)
        {
            _suspected.Remove(target);
        }
    }

    /// <inheritdoc />
    public Task<bool> ProbeAsync(NodeId target, CancellationToken cancellationToken) =>
        IsSuspected(target) ? Task.FromResult(false) : inner.ProbeAsync(target, cancellationToken);

    /// <inheritdoc />
    public Task<IndirectProbeResult> ProbeViaAsync(NodeId intermediary, NodeId target, TimeSpan timeout, CancellationToken cancellationToken) =>
        IsSuspected(target) ? Task.FromResult(IndirectProbeResult.NotReached) : inner.ProbeViaAsync(intermediary, target, timeout, cancellationToken);

    private bool IsSuspected(NodeId target)
    {
        lock (_gate)
        {
            return _suspected.Contains(target);
        }
    }
}
