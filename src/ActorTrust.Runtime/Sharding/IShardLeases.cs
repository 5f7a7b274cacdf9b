namespace ActorTrust.Runtime.Sharding;

/// <summary>Hands out shard leases to this node.</summary>
public interface IShardLeases
{
    /// <summary>
    /// Returns the lease this node holds on <paramref name="shard"/> of <paramref name="kind"/> (acquiring it first where
    /// the implementation does so on demand). The entity host calls it before every command and again before every
    /// append, so it is the gate of invariant I4: an implementation that cannot serve the shard at this instant throws
    /// <see cref="NotOwnerException"/>, and the command is not executed.
    /// </summary>
    ValueTask<ShardLease> AcquireAsync(string kind, int shard, CancellationToken cancellationToken);

    /// <summary>
    /// Told by an entity whose append came back fenced: a newer holder of <paramref name="lease"/>'s shard exists, so
    /// the whole shard must stop here. The default does nothing (a single node has no one to be fenced by).
    /// </summary>
    void ReportFenced(ShardLease lease)
    {
    }
}
