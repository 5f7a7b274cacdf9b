using ActorTrust.Runtime.Cluster;

namespace ActorTrust.TestKit.Cluster;

/// <summary>
/// One node's connection to an <see cref="InMemoryClusterStore"/>: the same tables, with that node's faults
/// (<see cref="InMemoryClusterStore.IsolateNode"/>, <see cref="InMemoryClusterStore.Hang"/>) applied to every call.
/// </summary>
public sealed class InMemoryClusterConnection : IClusterLeaseStore, IMembershipStore
{
    private readonly InMemoryClusterStore _store;

    internal InMemoryClusterConnection(InMemoryClusterStore store, NodeId node)
    {
        _store = store;
        Node = node;
    }

    /// <summary>The node whose connection this is.</summary>
    public NodeId Node { get; }

    /// <inheritdoc />
    public async Task RegisterKindAsync(string kind, int numShards, CancellationToken cancellationToken)
    {
        await _store.EnterAsync(Node, cancellationToken);
        await _store.RegisterKindAsync(kind, numShards, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<LeaseGrant?> TryAcquireAsync(string kind, int shard, string node, TimeSpan ttl, TimeSpan desiredOwnerGrace, CancellationToken cancellationToken)
    {
        await _store.EnterAsync(Node, cancellationToken);
        return await _store.TryAcquireAsync(kind, shard, node, ttl, desiredOwnerGrace, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<LeaseGrant?> TryRenewAsync(string kind, int shard, string node, long token, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await _store.EnterAsync(Node, cancellationToken);
        return await _store.TryRenewAsync(kind, shard, node, token, ttl, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LeaseGrant?>> TryRenewManyAsync(
        string node, IReadOnlyList<(string Kind, int Shard, long Token)> leases, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await _store.EnterAsync(Node, cancellationToken);
        return await _store.TryRenewManyAsync(node, leases, ttl, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseAsync(string kind, int shard, string node, long token, CancellationToken cancellationToken)
    {
        await _store.EnterAsync(Node, cancellationToken);
        return await _store.ReleaseAsync(kind, shard, node, token, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> SetDesiredOwnerAsync(string kind, int shard, string? desiredOwner, string coordinator, long coordinatorToken, CancellationToken cancellationToken)
    {
        await _store.EnterAsync(Node, cancellationToken);
        return await _store.SetDesiredOwnerAsync(kind, shard, desiredOwner, coordinator, coordinatorToken, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LeaseRow>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await _store.EnterAsync(Node, cancellationToken);
        return await _store.ReadAllAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> ReadKindsAsync(CancellationToken cancellationToken)
    {
        await _store.EnterAsync(Node, cancellationToken);
        return await _store.ReadKindsAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MembershipSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        await _store.EnterAsync(Node, cancellationToken);
        return await _store.ReadAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryWriteAsync(MemberRow row, long expectedVersion, CancellationToken cancellationToken)
    {
        await _store.EnterAsync(Node, cancellationToken);
        return await _store.TryWriteAsync(row, expectedVersion, cancellationToken);
    }

    /// <inheritdoc />
    public async Task UpdateIAmAliveAsync(NodeId node, CancellationToken cancellationToken)
    {
        await _store.EnterAsync(Node, cancellationToken);
        await _store.UpdateIAmAliveAsync(node, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset> DatabaseNowAsync(CancellationToken cancellationToken)
    {
        await _store.EnterAsync(Node, cancellationToken);
        return await _store.DatabaseNowAsync(cancellationToken);
    }
}
