namespace ActorTrust.Runtime.Cluster;

/// <summary>What the lease manager and rebalancer need to know of membership: the last table read and this node's standing.</summary>
public interface IMembershipView
{
    /// <summary>The last membership table read (empty before the first read).</summary>
    MembershipSnapshot Current { get; }

    /// <summary>True while this node is Active (joined, not leaving, not dead): only then does it take shards.</summary>
    bool SelfActive { get; }
}
