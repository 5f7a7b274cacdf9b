using ActorTrust.Runtime.Cluster.Transport;

namespace ActorTrust.Runtime.Cluster.Routing;

/// <summary>Router settings (bound from <c>actortrust.cluster.routing</c>; defaults from engines.md §8.3).</summary>
public sealed record RouterOptions
{
    /// <summary>Commands being routed per shard (waiting for an owner, retrying or in flight) before callers get Overloaded.</summary>
    public int ShardBufferCapacity { get; init; } = 1000;

    /// <summary>Envelopes queued for one other node before callers get Overloaded.</summary>
    public int NodeBufferCapacity { get; init; } = 100_000;

    /// <summary>How long a command may take, retries included, when the caller gives no deadline.</summary>
    public TimeSpan DefaultDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>One attempt (a send and its answer) gives up after this long, so a blackholed node costs one attempt, not the deadline.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The first retry waits this long; each later one doubles, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest wait between retries.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While the lease table names no live owner for a shard (a failover or handoff in progress), retries look again at
    /// least this often: the next owner is expected the moment a survivor acquires the shard.
    /// </summary>
    public TimeSpan OwnerPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Wire limits (also bounds envelopes per batch).</summary>
    public TransportLimits Limits { get; init; } = new();

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        Require(ShardBufferCapacity > 0, "actortrust.cluster.routing.shard-buffer must be positive");
        Require(NodeBufferCapacity > 0, "actortrust.cluster.routing.node-buffer must be positive");
        Require(DefaultDeadline > TimeSpan.Zero, "actortrust.cluster.routing.default-deadline must be positive");
        Require(AttemptTimeout > TimeSpan.Zero, "actortrust.cluster.routing.attempt-timeout must be positive");
        Require(InitialBackoff > TimeSpan.Zero, "actortrust.cluster.routing.initial-backoff must be positive");
        Require(MaxBackoff >= InitialBackoff, "actortrust.cluster.routing.max-backoff must be at least initial-backoff");
        Require(OwnerPollInterval > TimeSpan.Zero, "actortrust.cluster.routing.owner-poll-interval must be positive");
        Limits.Validate();
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
