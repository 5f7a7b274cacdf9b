namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// Indirect probes (Orleans' <c>EnableIndirectProbes</c>, engines.md §5.1): before this node votes a member suspect,
/// other members probe it on this node's behalf, so a broken link between two healthy nodes kills neither.
/// </summary>
public sealed partial class MembershipService
{
    private long _indirectSaves;

    /// <summary>How many times an intermediary reached a member this node could not, so this node did not vote.</summary>
    public long IndirectProbeSaves => Interlocked.Read(ref _indirectSaves);

    /// <summary>
    /// The intermediaries for an indirect probe of <paramref name="target"/>: up to <paramref name="count"/> Active
    /// members other than this node, the target and <paramref name="exclude"/> (members this node cannot reach either),
    /// in random order.
    /// </summary>
    public static IReadOnlyList<NodeId> Intermediaries(MembershipSnapshot snapshot, NodeId self, NodeId target, IReadOnlyCollection<NodeId> exclude, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(exclude);
        ArgumentNullException.ThrowIfNull(random);
        var candidates = snapshot.Members
            .Where(m => m.Status == MemberStatus.Active && m.Node != self && m.Node != target && !exclude.Contains(m.Node))
            .Select(m => m.Node).ToArray();
        random.Shuffle(candidates);
        return [.. candidates.Take(count)];
    }

    // The suspects no intermediary could reach; the others get their misses reset.
    private async Task<IReadOnlyList<NodeId>> ConfirmIndirectlyAsync(MembershipSnapshot snapshot, List<NodeId> suspects, CancellationToken cancellationToken)
    {
        if (_options.IndirectProbes == 0)
        {
            return suspects;
        }

        var asks = suspects.Select(target => (Target: target, Via: Intermediaries(snapshot, Self, target, suspects, _options.IndirectProbes, _random))).ToList();
        var reached = await Task.WhenAll(asks.Select(ask => ReachedViaAnyAsync(ask.Target, ask.Via, cancellationToken)));
        var confirmed = new List<NodeId>();
        for (var i = 0; i < asks.Count; i++)
        {
            if (reached[i] is { } via)
            {
                _missed[asks[i].Target] = 0;
                Interlocked.Increment(ref _indirectSaves);
                ClusterLog.IndirectProbeSaved(_logger, asks[i].Target.ToString(), via.ToString());
            }
            else
            {
                confirmed.Add(asks[i].Target);
            }
        }

        return confirmed;
    }

    // The first intermediary that reached target, or null. The whole ask is bounded by the probe timeout; an intermediary
    // gets three quarters of it for its own probe, so its "not reached" can still come back in time.
    private async Task<NodeId?> ReachedViaAnyAsync(NodeId target, IReadOnlyList<NodeId> via, CancellationToken cancellationToken)
    {
        if (via.Count == 0)
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(_options.ProbeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var budget = _options.ProbeTimeout * 3 / 4;
        var pending = via.Select(v => AskAsync(v, target, budget, linked.Token)).ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (await done is { } reachedBy)
            {
                await linked.CancelAsync(); // the others' answers no longer matter
                await Task.WhenAll(pending);
                return reachedBy;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return null;
    }

    private async Task<NodeId?> AskAsync(NodeId via, NodeId target, TimeSpan budget, CancellationToken cancellationToken)
    {
        try
        {
            return await _probe.ProbeViaAsync(via, target, budget, cancellationToken) == IndirectProbeResult.Reached ? via : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null; // an intermediary that fails to answer is no evidence either way
        }
    }
}
