namespace ActorTrust.Runtime.Sharding;

// TEMPORARY stand-ins until the sqlite branch (which owns these) merges.
public sealed record ShardLease(string Kind, int Shard, string OwnerNode, long FencingToken);

public interface IShardLeases
{
    ValueTask<ShardLease> AcquireAsync(string kind, int shard, CancellationToken cancellationToken);
}

public static class Sharding
{
    public static int ShardOf(string entityId, int numShards) => (entityId.Length & 0x7FFFFFFF) % numShards;
}
