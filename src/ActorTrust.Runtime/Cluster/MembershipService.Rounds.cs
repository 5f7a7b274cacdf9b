namespace ActorTrust.Runtime.Cluster;

/// <summary>The periodic round of <see cref="MembershipService"/>: read, self-check, I-am-alive, probe, probe indirectly, vote.</summary>
public sealed partial class MembershipService
{
    /// <summary>One round. Does nothing once this incarnation is finished.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (_status is null or MemberStatus.Dead)
        {
            return;
        }

        var snapshot = await RefreshAsync(cancellationToken);
        if (snapshot.Find(Self)?.Status == MemberStatus.Dead)
        {
            await DieAsync(cancellationToken);
            return;
        }

        await StampAliveAsync(cancellationToken);
        var suspects = await ProbeSuccessorsAsync(snapshot, cancellationToken);
        if (suspects.Count == 0)
        {
            return;
        }

        if (!Health.IsHealthy)
        {
            ClusterLog.HealthVeto(_logger, Health.LastLag, Health.LastThreadPoolLag);
            return;
        }

        foreach (var target in await ConfirmIndirectlyAsync(snapshot, suspects, cancellationToken))
        {
            await VoteAsync(target, cancellationToken);
        }
    }

    /// <summary>The members this node probes: the next <see cref="ClusterOptions.ProbedSuccessors"/> live members after it on the ring.</summary>
    public static IReadOnlyList<NodeId> RingSuccessors(MembershipSnapshot snapshot, NodeId self, int count)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var ring = snapshot.Members.Where(m => m.Status != MemberStatus.Dead).Select(m => m.Node)
            .OrderBy(n => n.ToString(), StringComparer.Ordinal).ToList();
        var at = ring.IndexOf(self);
        if (at < 0)
        {
            return [];
        }

        return [.. Enumerable.Range(1, Math.Min(count, ring.Count - 1)).Select(i => ring[(at + i) % ring.Count])];
    }

    private async Task DieAsync(CancellationToken cancellationToken)
    {
        ClusterLog.SelfDead(_logger, Self.ToString());
        _status = MemberStatus.Dead;
        try
        {
            if (SelfDead is { } stop)
            {
                await stop(cancellationToken);
            }
        }
        finally
        {
            _exited.TrySetResult();
        }
    }

    private async Task StampAliveAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (_lastAliveStamp != long.MinValue && _time.GetElapsedTime(_lastAliveStamp, now) < _options.IAmAliveInterval)
        {
            return;
        }

        await _store.UpdateIAmAliveAsync(Self, cancellationToken);
        _lastAliveStamp = now;
    }

    private async Task<List<NodeId>> ProbeSuccessorsAsync(MembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        var targets = RingSuccessors(snapshot, Self, _options.ProbedSuccessors);
        foreach (var gone in _missed.Keys.Except(targets).ToList())
        {
            _missed.Remove(gone);
        }

        var answers = await Task.WhenAll(targets.Select(t => ProbeOnceAsync(t, cancellationToken)));
        var suspects = new List<NodeId>();
        for (var i = 0; i < targets.Count; i++)
        {
            var misses = answers[i] ? 0 : _missed.GetValueOrDefault(targets[i]) + 1;
            _missed[targets[i]] = misses;
            if (misses >= _options.MissedProbesLimit)
            {
                suspects.Add(targets[i]);
            }
        }

        return suspects;
    }

    private async Task<bool> ProbeOnceAsync(NodeId target, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ProbeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            return await _probe.ProbeAsync(target, linked.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task VoteAsync(NodeId target, CancellationToken cancellationToken)
    {
        var now = await _store.DatabaseNowAsync(cancellationToken);
        var voter = Self.ToString();
        var votes = 0;
        var dead = false;
        await ChangeAsync(target, row =>
        {
            // The fresh read decides: a voter written Dead meanwhile (its round outlived it) casts nothing, or its
            // vote would count against a smaller quorum of survivors and could kill a healthy member.
            if (row is null || row.Status == MemberStatus.Dead || Current.Find(Self) is null or { Status: MemberStatus.Dead })
            {
                return null;
            }

            var updated = SuspicionVotes.Add(row.SuspectVotes, voter, now, _options.DeathVoteExpiration);
            votes = SuspicionVotes.Counted(updated, Current);
            dead = votes >= SuspicionVotes.Needed(_options.VotesForDeath, Current, target);
            return row with { SuspectVotes = updated, Status = dead ? MemberStatus.Dead : row.Status };
        }, cancellationToken);

        if (dead)
        {
            ClusterLog.DeclaredDead(_logger, target.ToString());
            _missed.Remove(target);
        }
        else if (votes > 0)
        {
            ClusterLog.VotedSuspect(_logger, target.ToString(), votes);
        }
    }
}
