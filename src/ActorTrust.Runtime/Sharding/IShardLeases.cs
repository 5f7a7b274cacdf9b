namespace ActorTrust.Runtime.Sharding;

/// <summary>Hands out shard leases to this node.</summary>
public interface IShardLeases
{
    /// <summary>Acquires (or returns the already held) lease on <paramref name="shard"/> of <paramref name="kind"/>.</summary>
    ValueTask<ShardLease> AcquireAsync(string kind, int shard, CancellationToken cancellationToken);
}
