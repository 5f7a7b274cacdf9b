using System.Collections.Concurrent;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Runtime.Tests.Cluster.Transport;

/// <summary>Which shards a test node serves; the test flips them.</summary>
internal sealed class FakeLocalShards(NodeId self) : ILocalShards
{
    private readonly ConcurrentDictionary<(string, int), long> _serving = new();

    public NodeId Self => self;

    public void Serve(string kind, int shard, long token = 1) => _serving[(kind, shard)] = token;

    public void ServeAll(string kind, int numShards)
    {
        for (var shard = 0; shard < numShards; shard++)
        {
            Serve(kind, shard);
        }
    }

    public void StopServing(string kind, int shard) => _serving.TryRemove((kind, shard), out _);

    public bool TryGetServing(string kind, int shard, out long fencingToken) => _serving.TryGetValue((kind, shard), out fencingToken);
}

/// <summary>A lease table and a membership table the test edits directly; only the reads the router uses are real.</summary>
internal sealed class FakeClusterTables : IClusterLeaseStore, IMembershipStore
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ConcurrentDictionary<(string, int), LeaseRow> _leases = new();
    private readonly ConcurrentDictionary<string, MemberRow> _members = new();
    private long _version;

    public int LeaseReads;

    public void AddMember(NodeId node, string address, MemberStatus status = MemberStatus.Active)
    {
        _members[node.ToString()] = new MemberRow(node, address, status, [], "test", Now, Now);
        Interlocked.Increment(ref _version);
    }

    public void RemoveMember(NodeId node)
    {
        _members.TryRemove(node.ToString(), out _);
        Interlocked.Increment(ref _version);
    }

    public void SetOwner(string kind, int shard, NodeId? owner, bool expired = false) =>
        SetOwner(kind, shard, owner, expired ? TimeSpan.FromSeconds(-1) : TimeSpan.FromMinutes(1));

    /// <summary>The lease runs out <paramref name="expiresIn"/> after the (fixed) database time.</summary>
    public void SetOwner(string kind, int shard, NodeId? owner, TimeSpan expiresIn) =>
        _leases[(kind, shard)] = new LeaseRow(kind, shard, owner?.ToString(), 1, Now + expiresIn, null);

    public void SetOwnerOfAll(string kind, int numShards, NodeId? owner)
    {
        for (var shard = 0; shard < numShards; shard++)
        {
            SetOwner(kind, shard, owner);
        }
    }

    public Task<IReadOnlyList<LeaseRow>> ReadAllAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref LeaseReads);
        return Task.FromResult<IReadOnlyList<LeaseRow>>(_leases.Values.OrderBy(r => r.Kind).ThenBy(r => r.Shard).ToList());
    }

    public Task<MembershipSnapshot> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new MembershipSnapshot(Interlocked.Read(ref _version), _members.Values.ToList()));

    public Task<DateTimeOffset> DatabaseNowAsync(CancellationToken cancellationToken) => Task.FromResult(Now);

    public Task RegisterKindAsync(string kind, int numShards, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<LeaseGrant?> TryAcquireAsync(string kind, int shard, string node, TimeSpan ttl, TimeSpan desiredOwnerGrace, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<LeaseGrant?> TryRenewAsync(string kind, int shard, string node, long token, TimeSpan ttl, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<LeaseGrant?>> TryRenewManyAsync(
        string node, IReadOnlyList<(string Kind, int Shard, long Token)> leases, TimeSpan ttl, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> ReleaseAsync(string kind, int shard, string node, long token, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> SetDesiredOwnerAsync(string kind, int shard, string? desiredOwner, string coordinator, long coordinatorToken, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, int>> ReadKindsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> TryWriteAsync(MemberRow row, long expectedVersion, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task UpdateIAmAliveAsync(NodeId node, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>Leases that always say "this node, token 1": the tests here are about routing, not fencing.</summary>
internal sealed class FixedLeases(string node) : IShardLeases
{
    public ValueTask<ShardLease> AcquireAsync(string kind, int shard, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ShardLease(kind, shard, node, 1));
}
