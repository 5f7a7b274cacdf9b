using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Runtime.Cluster;

/// <summary>Renewal, acquisition and handoff rounds of <see cref="ShardLeaseManager"/>.</summary>
public sealed partial class ShardLeaseManager
{
    private const int AcquireConcurrency = 16;

    /// <summary>Looked-for changes are read this long after the database time they are due, so the store agrees they happened.</summary>
    private static readonly TimeSpan LookAgainSlack = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Graceful node shutdown: takes no more shards and hands every held shard off (drain, stop, release), so
    /// other nodes can take them at once instead of waiting for expiry. Completes when all are released.
    /// </summary>
    public async Task HandOffAllAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        foreach (var held in _held.Values)
        {
            BeginHandoff(held, null);
        }

        await WhenStoppedAsync().WaitAsync(cancellationToken);
    }

    /// <summary>
    /// This node read itself Dead: stops serving every shard at once (no drain under a lease it may no longer
    /// have), stops their entities, and releases what the store still grants it, best effort.
    /// </summary>
    public async Task AbandonAllAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        foreach (var held in _held.Values)
        {
            Lose(held, ShardLossReason.NodeStopping);
            Track(held, () => ReleaseQuietlyAsync(held, cancellationToken));
        }

        await WhenStoppedAsync().WaitAsync(cancellationToken);
    }

    private async Task RenewAllAsync(CancellationToken cancellationToken)
    {
        // One batch for every held lease (the store sends one statement per chunk), not one call per lease: an idle
        // node spent most of its background CPU on those calls. Every deadline counts from when the batch was sent,
        // so a slow store still cannot stretch any of them (I4).
        var held = _held.Values.OrderBy(h => h.Kind, StringComparer.Ordinal).ThenBy(h => h.Shard).ToList();
        if (held.Count == 0)
        {
            return;
        }

        var sentAt = _time.GetTimestamp();
        IReadOnlyList<LeaseGrant?> grants;
        try
        {
            grants = await _store.TryRenewManyAsync(_self, [.. held.Select(h => (h.Kind, h.Shard, h.Token))], _options.LeaseTtl, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            // Unknown outcome: keep serving until the local deadlines (computed before this call) pass.
            ClusterLog.LeaseStoreFailed(_logger, ex);
            return;
        }

        for (var i = 0; i < held.Count; i++)
        {
            Renewed(held[i], grants[i], sentAt);
        }
    }

    /// <summary>Applies one lease's renewal answer: a null grant loses the shard, a grant moves its deadline on.</summary>
    private void Renewed(HeldShard held, LeaseGrant? grant, long sentAt)
    {
        if (grant is null)
        {
            Lose(held, ShardLossReason.LeaseLost);
            return;
        }

        var current = _held.TryGetValue((held.Kind, held.Shard), out var now) ? now : null;
        if (current is null || current.Token != held.Token)
        {
            return; // lost (deadline, fence) while the renewal was in flight: stay lost
        }

        var renewed = current with { LocalDeadline = sentAt + Monotonic.Ticks(_options.LeaseTtl - _options.LeaseSafetyMargin, _time) };
        _held.TryUpdate((held.Kind, held.Shard), renewed, current);
        if (grant.DesiredOwner is { } desired && desired != _self && renewed.State == HeldShardState.Serving)
        {
            BeginHandoff(renewed, desired);
        }
    }

    private async Task AcquireFreeAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<LeaseRow> rows;
        DateTimeOffset databaseNow;
        long readAt;
        Interlocked.Exchange(ref _nextLookAt, long.MaxValue); // a failed read asks for no early look: the next round reads again
        try
        {
            rows = await _store.ReadAllAsync(cancellationToken);
            databaseNow = await _clock.DatabaseNowAsync(cancellationToken);
            readAt = _time.GetTimestamp();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            ClusterLog.LeaseStoreFailed(_logger, ex);
            return;
        }

        foreach (var row in rows)
        {
            var owner = row.Owner is not null && row.ExpiresAt >= databaseNow ? row.Owner : row.DesiredOwner;
            if (owner is null)
            {
                _ownerHints.TryRemove((row.Kind, row.Shard), out _);
            }
            else
            {
                _ownerHints[(row.Kind, row.Shard)] = owner;
            }
        }

        var failed = ShardCandidates.FailedOwners(rows, databaseNow);
        var active = _membership.Current.Members.Count(m => m.Status == MemberStatus.Active && !failed.Contains(m.Node.ToString()));
        var kinds = new Dictionary<string, int>(_kinds, StringComparer.Ordinal);
        var next = ShardCandidates.UntilNextChange(rows, kinds, _self, databaseNow, _options);
        Interlocked.Exchange(ref _nextLookAt, next is { } wait ? readAt + Monotonic.Ticks(wait + LookAgainSlack, _time) : long.MaxValue);

        // Side by side: a failover hands a survivor a third of every kind's shards at once, and one
        // store round trip after another would put the last of them (and its waiting commands) far behind the first.
        using var slots = new SemaphoreSlim(AcquireConcurrency);
        await Task.WhenAll(ShardCandidates.Choose(rows, kinds, _self, databaseNow, active, _options)
            .Select(candidate => AcquireOneAsync(candidate.Kind, candidate.Shard, slots, cancellationToken)));
    }

    private async Task AcquireOneAsync(string kind, int shard, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            if (_held.ContainsKey((kind, shard)) || _leaving)
            {
                return;
            }

            var sentAt = _time.GetTimestamp();
            var grant = await _store.TryAcquireAsync(kind, shard, _self, _options.LeaseTtl, _options.DesiredOwnerGrace, cancellationToken);
            if (grant is null)
            {
                return; // another node won the race
            }

            var held = new HeldShard(kind, shard, grant.Token, sentAt + Monotonic.Ticks(_options.LeaseTtl - _options.LeaseSafetyMargin, _time), HeldShardState.Serving);
            if (_stopping.TryGetValue((kind, shard), out var stopping) && !stopping.IsCompleted)
            {
                await stopping; // entities of an earlier tenure must be gone before new ones start
            }

            _held[(kind, shard)] = held;
            _ownerHints[(kind, shard)] = _self;
            ClusterLog.ShardAcquired(_logger, kind, shard, grant.Token);
            ShardAcquired?.Invoke(held);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Stops accepting new commands for the shard, drains and stops its entities, then releases the lease.</summary>
    private void BeginHandoff(HeldShard held, string? to)
    {
        var handingOff = held with { State = HeldShardState.HandingOff, HandoffTo = to };
        if (held.State == HeldShardState.HandingOff || !_held.TryUpdate((held.Kind, held.Shard), handingOff, held))
        {
            return;
        }

        ClusterLog.HandoffStarted(_logger, held.Kind, held.Shard, to);
        Track(held, () => HandOffAsync(handingOff));
    }

    private async Task HandOffAsync(HeldShard held)
    {
        try
        {
            await _stopper.StopShardAsync(held.Kind, held.Shard, CancellationToken.None)
                .WaitAsync(_options.HandoffTimeout - TimeSpan.FromSeconds(5), _time);
        }
        catch (TimeoutException)
        {
            ClusterLog.HandoffDrainTimedOut(_logger, held.Kind, held.Shard);
        }

        // Only now does the shard leave the table of held leases: the drained commands ran under it.
        if (_held.TryGetValue((held.Kind, held.Shard), out var current) && current.Token == held.Token
            && _held.TryRemove(new KeyValuePair<(string, int), HeldShard>((held.Kind, held.Shard), current)))
        {
            await ReleaseQuietlyAsync(held, CancellationToken.None);
            ClusterLog.ShardStopped(_logger, held.Kind, held.Shard, held.Token, ShardLossReason.HandedOff);
            ShardStoppedServing?.Invoke(new ShardStopped(held.Kind, held.Shard, held.Token, ShardLossReason.HandedOff));
        }
    }

    private async Task ReleaseQuietlyAsync(HeldShard held, CancellationToken cancellationToken)
    {
        try
        {
            await _store.ReleaseAsync(held.Kind, held.Shard, _self, held.Token, cancellationToken);
            if (held.HandoffTo is { } next)
            {
                _ownerHints[(held.Kind, held.Shard)] = next;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ClusterLog.LeaseStoreFailed(_logger, ex); // the lease expires on its own
        }
    }

    /// <summary>Throws <see cref="NotOwnerException"/> unless this node serves the shard now (for callers that route).</summary>
    public long RequireServing(string kind, int shard) =>
        TryGetServing(kind, shard, out var token) ? token : throw new NotOwnerException(kind, shard, OwnerHint(kind, shard));
}
