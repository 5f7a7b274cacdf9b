namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// What this node may serve right now: the shards whose leases it holds, inside their local deadline and not
/// handing off. The router asks it before running a command locally; the lease manager implements it.
/// </summary>
public interface ILocalShards
{
    /// <summary>This node.</summary>
    NodeId Self { get; }

    /// <summary>
    /// True, with the fencing token, when this node holds <paramref name="shard"/> of <paramref name="kind"/> and
    /// may execute commands for it at this instant (lease valid by the local monotonic deadline, no handoff).
    /// </summary>
    bool TryGetServing(string kind, int shard, out long fencingToken);
}
