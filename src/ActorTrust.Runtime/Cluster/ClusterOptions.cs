namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// Cluster timing (bound from <c>actortrust.cluster</c>; engines.md §8.3 and §8.7). Leases use database time; the
/// local safety margin is taken off the monotonic deadline so the holder stops serving before the database expiry.
/// </summary>
public sealed record ClusterOptions
{
    /// <summary>How long an acquired or renewed shard lease lasts, in database time.</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often held leases are renewed (and free shards looked for).</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Taken off the ttl for the local deadline: <c>localDeadline = renewSentAt + ttl − margin</c>.</summary>
    public TimeSpan LeaseSafetyMargin { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>After a lease expires, how long a <c>desired_owner</c> hint keeps other nodes from taking the shard.</summary>
    public TimeSpan DesiredOwnerGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a handoff may take; entities still draining after <c>HandoffTimeout − 5s</c> are abandoned and the lease released.</summary>
    public TimeSpan HandoffTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the coordinator computes a rebalance plan.</summary>
    public TimeSpan RebalanceInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Per round, at most <c>max(1, min(relative × shards, absolute))</c> shards of a kind move.</summary>
    public double RebalanceRelativeLimit { get; init; } = 0.1;

    /// <summary>See <see cref="RebalanceRelativeLimit"/>.</summary>
    public int RebalanceAbsoluteLimit { get; init; } = 20;

    /// <summary>How often ring successors are probed (and the membership table read).</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A probe not answered within this is a miss.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many ring successors each node probes.</summary>
    public int ProbedSuccessors { get; init; } = 3;

    /// <summary>
    /// Before voting a target suspect, how many other Active members (chosen at random) are asked to probe it on this
    /// node's behalf; when any of them reaches it, this node does not vote. 0 disables indirect probes.
    /// </summary>
    public int IndirectProbes { get; init; } = 2;

    /// <summary>Consecutive missed probes before this node votes its target suspect.</summary>
    public int MissedProbesLimit { get; init; } = 3;

    /// <summary>Unexpired votes that declare a member Dead (fewer when fewer other members can vote).</summary>
    public int VotesForDeath { get; init; } = 2;

    /// <summary>A suspicion vote older than this no longer counts.</summary>
    public TimeSpan DeathVoteExpiration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often this node stamps its I-am-alive time.</summary>
    public TimeSpan IAmAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>When this node's own timers fire later than this, it does not vote (local-health veto).</summary>
    public TimeSpan MaxTimerLag { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>When queued work waits longer than this for a thread-pool thread, this node does not vote (local-health veto).</summary>
    public TimeSpan MaxThreadPoolLag { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The code version this node runs; the rebalancer waits while Active members differ.</summary>
    public string AppVersion { get; init; } = "1";

    /// <summary>Where this node's cluster endpoint listens, written to the membership table.</summary>
    public string Address { get; init; } = "http://127.0.0.1:0";

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        Require(LeaseTtl > TimeSpan.Zero, "actortrust.cluster.lease-ttl must be positive");
        Require(LeaseSafetyMargin >= TimeSpan.Zero && LeaseSafetyMargin < LeaseTtl, "actortrust.cluster.lease-safety-margin must be at least 0 and below lease-ttl");
        Require(LeaseRenewInterval > TimeSpan.Zero && LeaseRenewInterval < LeaseTtl - LeaseSafetyMargin,
            "actortrust.cluster.lease-renew-interval must be positive and below lease-ttl minus lease-safety-margin");
        Require(DesiredOwnerGrace >= TimeSpan.Zero, "actortrust.cluster.desired-owner-grace must not be negative");
        Require(HandoffTimeout > TimeSpan.FromSeconds(5), "actortrust.cluster.handoff-timeout must be over 5s");
        Require(RebalanceInterval > TimeSpan.Zero && RebalanceInterval < LeaseTtl - LeaseSafetyMargin,
            "actortrust.cluster.rebalance-interval must be positive and below lease-ttl minus lease-safety-margin (it renews the coordinator lease)");
        Require(RebalanceRelativeLimit is > 0 and <= 1, "actortrust.cluster.rebalance-relative-limit must be in (0, 1]");
        Require(RebalanceAbsoluteLimit > 0, "actortrust.cluster.rebalance-absolute-limit must be positive");
        Require(ProbeInterval > TimeSpan.Zero, "actortrust.cluster.probe-interval must be positive");
        Require(ProbeTimeout > TimeSpan.Zero, "actortrust.cluster.probe-timeout must be positive");
        Require(ProbedSuccessors > 0, "actortrust.cluster.probed-successors must be positive");
        Require(IndirectProbes is >= 0 and <= 16, "actortrust.cluster.membership.indirect-probes must be between 0 and 16");
        Require(MissedProbesLimit > 0, "actortrust.cluster.missed-probes-limit must be positive");
        Require(VotesForDeath > 0, "actortrust.cluster.votes-for-death must be positive");
        Require(DeathVoteExpiration > TimeSpan.Zero, "actortrust.cluster.death-vote-expiration must be positive");
        Require(IAmAliveInterval > TimeSpan.Zero, "actortrust.cluster.i-am-alive-interval must be positive");
        Require(MaxTimerLag > TimeSpan.Zero, "actortrust.cluster.max-timer-lag must be positive");
        Require(MaxThreadPoolLag > TimeSpan.Zero, "actortrust.cluster.membership.max-thread-pool-lag must be positive");
        Require(!string.IsNullOrWhiteSpace(AppVersion), "actortrust.cluster.app-version must not be empty");
        Require(Uri.TryCreate(Address, UriKind.Absolute, out _), "actortrust.cluster.address must be an absolute URL");
    }

    /// <summary>The per-round move limit for a kind of <paramref name="shards"/> shards.</summary>
    public int RebalanceLimit(int shards) => Math.Max(1, Math.Min((int)(RebalanceRelativeLimit * shards), RebalanceAbsoluteLimit));

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
