namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// The coordinator lease (<see cref="ClusterLeaseStore.CoordinatorKind"/>, shard 0), held like a shard lease with a
/// local deadline. Holding it only lets a node <em>write hints</em>; every hint write is fenced by its token, so two
/// nodes that both believe they coordinate cannot both write (the lesson of Akka #6973).
/// </summary>
internal sealed class CoordinatorLease(IClusterLeaseStore store, string self, ClusterOptions options, TimeProvider time)
{
    private HeldShard? _held;

    /// <summary>The token while the lease is valid by the local deadline; null otherwise.</summary>
    public long? Token => _held is { } held && held.IsValidAt(time.GetTimestamp()) ? held.Token : null;

    /// <summary>Renews the lease when held, or tries to take it; returns the token, or null when another node coordinates.</summary>
    public async Task<long?> EnsureAsync(CancellationToken cancellationToken)
    {
        var sentAt = time.GetTimestamp();
        var deadline = sentAt + Monotonic.Ticks(options.LeaseTtl - options.LeaseSafetyMargin, time);
        LeaseGrant? grant;
        if (Token is { } token)
        {
            grant = await store.TryRenewAsync(ClusterLeaseStore.CoordinatorKind, 0, self, token, options.LeaseTtl, cancellationToken);
        }
        else
        {
            _held = null;
            grant = await store.TryAcquireAsync(ClusterLeaseStore.CoordinatorKind, 0, self, options.LeaseTtl, options.DesiredOwnerGrace, cancellationToken);
        }

        _held = grant is null ? null : new HeldShard(ClusterLeaseStore.CoordinatorKind, 0, grant.Token, deadline, HeldShardState.Serving);
        return _held?.Token;
    }

    /// <summary>Forgets the lease (a hint write was fenced: someone else coordinates now).</summary>
    public void Drop() => _held = null;

    /// <summary>Gives the lease up so another node can coordinate at once (graceful shutdown).</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_held is { } held)
        {
            _held = null;
            await store.ReleaseAsync(ClusterLeaseStore.CoordinatorKind, 0, self, held.Token, cancellationToken);
        }
    }
}
