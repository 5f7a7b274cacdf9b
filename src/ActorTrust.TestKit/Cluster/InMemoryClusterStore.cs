using ActorTrust.Runtime.Cluster;
using ActorTrust.TestKit.Time;

namespace ActorTrust.TestKit.Cluster;

/// <summary>
/// The cluster tables in memory, faithful to the documented semantics of <see cref="IClusterLeaseStore"/> and
/// <see cref="IMembershipStore"/>: every change is one atomic compare-and-set under a lock; fencing tokens grow by
/// one on every change of owner; a Dead member is never written back to another status; a desired-owner hint keeps
/// others off a free shard until <c>grace</c> past expiry; hint writes are fenced by the coordinator lease. Time is
/// <see cref="DatabaseClock"/> only. Nodes should talk to it through <see cref="ConnectionFor"/>, whose calls the
/// fault hooks (<see cref="IsolateNode"/>, <see cref="Hang"/>) act on; calls made on the store itself are never faulted.
/// </summary>
public sealed partial class InMemoryClusterStore : IClusterLeaseStore, IMembershipStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Kind, int Shard), LeaseRow> _leases = [];
    private readonly Dictionary<string, int> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<NodeId, MemberRow> _members = [];
    private long _version;
    private int _renewCalls;
    private int _renewManyCalls;

    /// <summary>Creates empty tables (with the coordinator lease row) timed by <paramref name="databaseClock"/>.</summary>
    public InMemoryClusterStore(ManualTimeProvider? databaseClock = null)
    {
        DatabaseClock = databaseClock ?? new ManualTimeProvider();
        _leases[(ClusterLeaseStore.CoordinatorKind, 0)] = new LeaseRow(ClusterLeaseStore.CoordinatorKind, 0, null, 0, DateTimeOffset.MinValue, null);
    }

    /// <summary>The database's clock: lease expiry, votes and I-am-alive stamps use it and nothing else.</summary>
    public ManualTimeProvider DatabaseClock { get; }

    private DateTimeOffset Now => DatabaseClock.GetUtcNow();

    /// <summary>How many single-lease renewals (<see cref="TryRenewAsync"/>) were asked of the store.</summary>
    public int RenewCalls => Volatile.Read(ref _renewCalls);

    /// <summary>How many batch renewals (<see cref="TryRenewManyAsync"/>) were asked of the store.</summary>
    public int RenewManyCalls => Volatile.Read(ref _renewManyCalls);

    /// <inheritdoc />
    public Task RegisterKindAsync(string kind, int numShards, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numShards);
        if (kind == ClusterLeaseStore.CoordinatorKind)
        {
            throw new ArgumentException($"{kind} is reserved for the coordinator lease", nameof(kind));
        }

        lock (_gate)
        {
            if (_kinds.TryGetValue(kind, out var existing))
            {
                return existing == numShards
                    ? Task.CompletedTask
                    : throw new InvalidOperationException($"kind {kind} is registered with {existing} shards, not {numShards}: the shard function is frozen");
            }

            _kinds[kind] = numShards;
            for (var shard = 0; shard < numShards; shard++)
            {
                _leases[(kind, shard)] = new LeaseRow(kind, shard, null, 0, DateTimeOffset.MinValue, null);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<LeaseGrant?> TryAcquireAsync(string kind, int shard, string node, TimeSpan ttl, TimeSpan desiredOwnerGrace, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        lock (_gate)
        {
            var now = Now;
            if (!_leases.TryGetValue((kind, shard), out var row) || !ShardCandidates.IsGrantable(row, node, now, desiredOwnerGrace))
            {
                return Task.FromResult<LeaseGrant?>(null);
            }

            var taken = row with { Owner = node, Token = row.Token + 1, ExpiresAt = now + ttl, DesiredOwner = null };
            _leases[(kind, shard)] = taken;
            return Task.FromResult<LeaseGrant?>(new LeaseGrant(kind, shard, taken.Token, taken.ExpiresAt, null));
        }
    }

    /// <inheritdoc />
    public Task<LeaseGrant?> TryRenewAsync(string kind, int shard, string node, long token, TimeSpan ttl, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _renewCalls);
        lock (_gate)
        {
            return Task.FromResult(RenewLocked(kind, shard, node, token, ttl));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LeaseGrant?>> TryRenewManyAsync(
        string node, IReadOnlyList<(string Kind, int Shard, long Token)> leases, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ClusterLeaseStore.CheckRenewals(node, leases, ttl);
        Interlocked.Increment(ref _renewManyCalls);
        lock (_gate)
        {
            var grants = new LeaseGrant?[leases.Count];
            for (var i = 0; i < leases.Count; i++)
            {
                grants[i] = RenewLocked(leases[i].Kind, leases[i].Shard, node, leases[i].Token, ttl);
            }

            return Task.FromResult<IReadOnlyList<LeaseGrant?>>(grants);
        }
    }

    private LeaseGrant? RenewLocked(string kind, int shard, string node, long token, TimeSpan ttl)
    {
        if (!_leases.TryGetValue((kind, shard), out var row) || row.Owner != node || row.Token != token)
        {
            return null;
        }

        var renewed = row with { ExpiresAt = Now + ttl };
        _leases[(kind, shard)] = renewed;
        return new LeaseGrant(kind, shard, token, renewed.ExpiresAt, renewed.DesiredOwner);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(string kind, int shard, string node, long token, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_leases.TryGetValue((kind, shard), out var row) || row.Owner != node || row.Token != token)
            {
                return Task.FromResult(false);
            }

            _leases[(kind, shard)] = row with { Owner = null, ExpiresAt = Now };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> SetDesiredOwnerAsync(string kind, int shard, string? desiredOwner, string coordinator, long coordinatorToken, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var lease = _leases[(ClusterLeaseStore.CoordinatorKind, 0)];
            if (lease.Owner != coordinator || lease.Token != coordinatorToken || lease.ExpiresAt < Now
                || kind == ClusterLeaseStore.CoordinatorKind || !_leases.TryGetValue((kind, shard), out var row))
            {
                return Task.FromResult(false);
            }

            _leases[(kind, shard)] = row with { DesiredOwner = desiredOwner };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LeaseRow>> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<LeaseRow> rows = [.. _leases.Values.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Shard)];
            return Task.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> ReadKindsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<string, int> kinds = new Dictionary<string, int>(_kinds, StringComparer.Ordinal);
            return Task.FromResult(kinds);
        }
    }

    /// <summary>One lease row (test assertions).</summary>
    public LeaseRow Lease(string kind, int shard)
    {
        lock (_gate)
        {
            return _leases[(kind, shard)];
        }
    }
}
