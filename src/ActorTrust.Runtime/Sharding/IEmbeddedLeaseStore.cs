namespace ActorTrust.Runtime.Sharding;

/// <summary>
/// Where the embedded (single-node) mode keeps fencing tokens: the journal's own database, so tokens
/// survive restarts and a restarted node always writes with higher tokens than the process before it.
/// </summary>
public interface IEmbeddedLeaseStore
{
    /// <summary>
    /// Claims every lease already recorded for <paramref name="nodeId"/>: each token is incremented and the
    /// owner set, whoever held it before (a previous process of this node included). Returns how many.
    /// </summary>
    Task<int> ClaimAllLeasesAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>
    /// Returns <paramref name="nodeId"/>'s token for one shard: the recorded one if the node already owns it,
    /// otherwise the previous token + 1 (1 for a shard never leased), recording the new owner.
    /// </summary>
    Task<long> AcquireLeaseAsync(string kind, int shard, string nodeId, CancellationToken cancellationToken);
}
