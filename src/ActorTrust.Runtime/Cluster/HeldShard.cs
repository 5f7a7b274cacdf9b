namespace ActorTrust.Runtime.Cluster;

/// <summary>Where a held shard is in its life on this node.</summary>
public enum HeldShardState
{
    /// <summary>Serving commands while the local deadline lasts.</summary>
    Serving,

    /// <summary>The rebalancer asked for it elsewhere: new commands are refused, queued ones drain, then the lease is released.</summary>
    HandingOff,
}

/// <summary>
/// A shard lease this node holds: the fencing token it writes with and the local monotonic deadline
/// (<see cref="TimeProvider.GetTimestamp"/> units) after which it must not execute commands, whatever it believes (I4).
/// </summary>
/// <param name="Kind">Entity kind.</param>
/// <param name="Shard">Shard number.</param>
/// <param name="Token">Fencing token of the grant.</param>
/// <param name="LocalDeadline">Renew send time + ttl − margin, on the local monotonic clock.</param>
/// <param name="State">Serving or handing off.</param>
/// <param name="HandoffTo">The desired owner while handing off.</param>
public sealed record HeldShard(string Kind, int Shard, long Token, long LocalDeadline, HeldShardState State, string? HandoffTo = null)
{
    /// <summary>True while <paramref name="now"/> (a monotonic timestamp) is before the local deadline.</summary>
    public bool IsValidAt(long now) => now < LocalDeadline;
}

/// <summary>Why this node stopped serving a shard.</summary>
public enum ShardLossReason
{
    /// <summary>A renewal found another owner or token.</summary>
    LeaseLost,

    /// <summary>The local deadline passed before a renewal succeeded.</summary>
    DeadlineExpired,

    /// <summary>A journal append came back fenced: a newer holder exists.</summary>
    Fenced,

    /// <summary>Handed off to the desired owner (drained, stopped, released).</summary>
    HandedOff,

    /// <summary>This node is leaving (graceful shutdown, or it read itself Dead).</summary>
    NodeStopping,
}

/// <summary>A shard this node stopped serving, and why.</summary>
/// <param name="Kind">Entity kind.</param>
/// <param name="Shard">Shard number.</param>
/// <param name="Token">The token it held.</param>
/// <param name="Reason">Why.</param>
public sealed record ShardStopped(string Kind, int Shard, long Token, ShardLossReason Reason);
