using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Entities;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>Settings of a <see cref="TestCluster"/>. The defaults are short real lease times, so specs finish in seconds.</summary>
public sealed record TestClusterOptions
{
    /// <summary>
    /// How nodes reach each other: real Kestrel HTTP/2 with mutual TLS 1.3 (the default, as a secure node runs) or the
    /// in-memory hub.
    /// </summary>
    public TestClusterTransport Transport { get; init; } = TestClusterTransport.Kestrel;

    /// <summary>Nodes started by <see cref="TestCluster.StartAsync"/>.</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>Shards of the ledger kind.</summary>
    public int NumShards { get; init; } = 12;

    /// <summary>
    /// Cluster timing: lease ttl 2 s, renew every 0.3 s, local safety margin 0.5 s, probes every 0.3 s (1 s timeout: a loaded CI machine answers a TLS probe slowly), rebalance
    /// every 1 s moving up to half the shards per round.
    /// </summary>
    public ClusterOptions Cluster { get; init; } = new()
    {
        LeaseTtl = TimeSpan.FromSeconds(2),
        LeaseRenewInterval = TimeSpan.FromMilliseconds(300),
        LeaseSafetyMargin = TimeSpan.FromMilliseconds(500),
        DesiredOwnerGrace = TimeSpan.FromSeconds(1),
        HandoffTimeout = TimeSpan.FromSeconds(8),
        RebalanceInterval = TimeSpan.FromSeconds(1),
        RebalanceRelativeLimit = 0.5,
        ProbeInterval = TimeSpan.FromMilliseconds(300),
        ProbeTimeout = TimeSpan.FromSeconds(1),
        MissedProbesLimit = 3,
        VotesForDeath = 2,
        IAmAliveInterval = TimeSpan.FromSeconds(5),
        MaxTimerLag = TimeSpan.FromSeconds(3),
    };

    /// <summary>Routing: a 20 s default deadline, 1 s per attempt.</summary>
    public RouterOptions Router { get; init; } = new()
    {
        DefaultDeadline = TimeSpan.FromSeconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(1),
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(250),
    };

    /// <summary>Entity runtime settings of every node.</summary>
    public EntityRuntimeOptions Entities { get; init; } = new();

    /// <summary>Whether the ledger kind writes snapshots (every <see cref="EntityRuntimeOptions.SnapshotEvery"/> events).</summary>
    public bool Snapshots { get; init; } = true;

    /// <summary>Whether <see cref="TestCluster.StartAsync"/> waits until the rebalancer has spread the shards evenly.</summary>
    public bool WaitForBalance { get; init; } = true;

    /// <summary>Whether started nodes run their lease, membership and rebalancer loops (false: the spec drives rounds).</summary>
    public bool RunLoops { get; init; } = true;

    /// <summary>How long <see cref="TestCluster.WaitUntilAsync(Func{Task{bool}}, string, TimeSpan?)"/> waits by default.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
