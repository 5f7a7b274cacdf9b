using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Cluster;

/// <summary>The cluster runtime's log messages, with stable event ids (17xx).</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 1710, Level = LogLevel.Information, Message = "Acquired shard {Shard} of {Kind} with token {Token}")]
    public static partial void ShardAcquired(ILogger logger, string kind, int shard, long token);

    [LoggerMessage(EventId = 1711, Level = LogLevel.Warning, Message = "Stopped serving shard {Shard} of {Kind} (token {Token}): {Reason}")]
    public static partial void ShardStopped(ILogger logger, string kind, int shard, long token, ShardLossReason reason);

    [LoggerMessage(EventId = 1712, Level = LogLevel.Information, Message = "Handing shard {Shard} of {Kind} off to {DesiredOwner}")]
    public static partial void HandoffStarted(ILogger logger, string kind, int shard, string? desiredOwner);

    [LoggerMessage(EventId = 1713, Level = LogLevel.Warning, Message = "Shard {Shard} of {Kind} did not drain in time; releasing it anyway")]
    public static partial void HandoffDrainTimedOut(ILogger logger, string kind, int shard);

    [LoggerMessage(EventId = 1714, Level = LogLevel.Warning, Message = "Lease store call failed; the local deadline stays the limit")]
    public static partial void LeaseStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1715, Level = LogLevel.Error, Message = "Cluster loop {Loop} failed; retrying at the next tick")]
    public static partial void LoopFailed(ILogger logger, string loop, Exception exception);

    [LoggerMessage(EventId = 1720, Level = LogLevel.Information, Message = "Node {Node} is now {Status} in the membership table")]
    public static partial void MemberStatusWritten(ILogger logger, string node, MemberStatus status);

    [LoggerMessage(EventId = 1721, Level = LogLevel.Warning, Message = "Voted {Target} suspect ({Votes} unexpired votes)")]
    public static partial void VotedSuspect(ILogger logger, string target, int votes);

    [LoggerMessage(EventId = 1722, Level = LogLevel.Warning, Message = "Declared {Target} dead")]
    public static partial void DeclaredDead(ILogger logger, string target);

    [LoggerMessage(EventId = 1723, Level = LogLevel.Critical, Message = "This node ({Node}) is Dead in the membership table: stopping every shard and exiting")]
    public static partial void SelfDead(ILogger logger, string node);

    [LoggerMessage(EventId = 1724, Level = LogLevel.Warning, Message = "Local health degraded (timers lag by {Lag}, thread pool by {PoolLag}); not voting this round")]
    public static partial void HealthVeto(ILogger logger, TimeSpan lag, TimeSpan poolLag);

    [LoggerMessage(EventId = 1725, Level = LogLevel.Information, Message = "Probes of {Target} failed, but {Via} reached it: not voting")]
    public static partial void IndirectProbeSaved(ILogger logger, string target, string via);

    [LoggerMessage(EventId = 1730, Level = LogLevel.Information, Message = "Rebalance: hint shard {Shard} of {Kind} from {From} to {To}")]
    public static partial void RebalanceHint(ILogger logger, string kind, int shard, string from, string to);

    [LoggerMessage(EventId = 1731, Level = LogLevel.Warning, Message = "Rebalancer deposed: a hint write was fenced")]
    public static partial void CoordinatorFenced(ILogger logger);
}
