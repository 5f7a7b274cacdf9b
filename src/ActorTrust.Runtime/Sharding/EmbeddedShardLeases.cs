using System.Collections.Concurrent;

namespace ActorTrust.Runtime.Sharding;

/// <summary>
/// Embedded mode (ARCHITECTURE §5): the single node holds every lease. Start it once per process with
/// <see cref="StartAsync"/>, which claims every recorded lease with a higher token; later acquisitions are
/// remembered, so each shard's token is read from the store once.
/// </summary>
public sealed class EmbeddedShardLeases : IShardLeases
{
    private readonly IEmbeddedLeaseStore _store;
    private readonly ConcurrentDictionary<(string Kind, int Shard), ShardLease> _held = new();

    private EmbeddedShardLeases(IEmbeddedLeaseStore store, string nodeId)
    {
        _store = store;
        NodeId = nodeId;
    }

    /// <summary>This node, <c>host:port:incarnation</c>.</summary>
    public string NodeId { get; }

    /// <summary>Claims every recorded lease for <paramref name="nodeId"/> and returns the lease source.</summary>
    public static async Task<EmbeddedShardLeases> StartAsync(IEmbeddedLeaseStore store, string nodeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        await store.ClaimAllLeasesAsync(nodeId, cancellationToken);
        return new EmbeddedShardLeases(store, nodeId);
    }

    /// <inheritdoc />
    public async ValueTask<ShardLease> AcquireAsync(string kind, int shard, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        if (_held.TryGetValue((kind, shard), out var lease))
        {
            return lease;
        }

        var token = await _store.AcquireLeaseAsync(kind, shard, NodeId, cancellationToken);
        return _held.GetOrAdd((kind, shard), new ShardLease(kind, shard, NodeId, token));
    }
}
