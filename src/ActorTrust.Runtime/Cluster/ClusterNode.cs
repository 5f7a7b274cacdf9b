using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Sharding;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// One node's cluster runtime, composed: membership, shard leases (the entity gate and <see cref="ILocalShards"/>),
/// and the rebalancer, each driven by its own loop on the injected clock. Build the entity registries with
/// <see cref="ShardLeases"/>, then <see cref="StartAsync"/> with them; <see cref="StopAsync"/> leaves gracefully
/// (every shard handed off first); <see cref="Exited"/> completes when the host should exit.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly RegistryShardStopper _stopper = new();
    private readonly List<PeriodicLoop> _loops = [];

    /// <param name="self">This node, with a fresh incarnation (<see cref="NodeId.Start"/>).</param>
    /// <param name="leases">The lease table.</param>
    /// <param name="members">The membership table (and database clock).</param>
    /// <param name="probe">Probes of other nodes (the transport's).</param>
    /// <param name="options">Cluster settings, validated here.</param>
    /// <param name="time">The clock (timers and monotonic deadlines).</param>
    /// <param name="loggers">Loggers.</param>
    public ClusterNode(NodeId self, IClusterLeaseStore leases, IMembershipStore members, IClusterProbe probe,
        ClusterOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        options.Validate();
        Time = time ?? throw new ArgumentNullException(nameof(time));
        var logger = loggers.CreateLogger("ActorTrust.Cluster");
        Membership = new MembershipService(self, members, probe, options, time, logger);
        Relay = new ProbeRelay(probe, Membership, options.ProbeTimeout, time);
        Leases = new ShardLeaseManager(self, leases, members, _stopper, Membership, options, time, logger);
        Rebalancer = new Rebalancer(self, leases, members, Membership, options, time, logger);
        Membership.SelfDead = Leases.AbandonAllAsync;
        _loops.Add(new PeriodicLoop("leases", options.LeaseRenewInterval, Leases.RunOnceAsync, time, logger,
            () => Leases.NextLookAt, Leases.LookForFreeShardsAsync)); // a dead node's shards are taken when they expire, not at the next round
        PeriodicLoop? membershipLoop = null;
        membershipLoop = new PeriodicLoop("membership", options.ProbeInterval, async ct =>
        {
            Membership.Health.Observe(time.GetElapsedTime(membershipLoop!.DueAt)); // the local-health veto's inputs
            await Membership.Health.MeasureThreadPoolAsync(time);
            await Membership.RunOnceAsync(ct);
        }, time, logger);
        _loops.Add(membershipLoop);
        _loops.Add(new PeriodicLoop("rebalancer", options.RebalanceInterval, ct => Rebalancer.RunOnceAsync(ct), time, logger));
    }

    /// <summary>This node.</summary>
    public NodeId Self => Membership.Self;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Membership of this node.</summary>
    public MembershipService Membership { get; }

    /// <summary>Probes members for other nodes (the intermediary's side of an indirect probe), on this node's probe.</summary>
    public ProbeRelay Relay { get; }

    /// <summary>Shard leases: the <see cref="IShardLeases"/> for entity registries and the <see cref="ILocalShards"/> for the router.</summary>
    public ShardLeaseManager Leases { get; }

    /// <summary>The lease source to build this node's entity registries with.</summary>
    public IShardLeases ShardLeases => Leases;

    /// <summary>What this node may serve, for the router.</summary>
    public ILocalShards LocalShards => Leases;

    /// <summary>The rebalancer (it acts only while this node holds the coordinator lease).</summary>
    public Rebalancer Rebalancer { get; }

    /// <summary>Completes when this incarnation is finished (declared Dead, or left): the host should exit.</summary>
    public Task Exited => Membership.Exited;

    /// <summary>
    /// Registers the kinds of <paramref name="registries"/> (built with <see cref="ShardLeases"/>), joins as Joining,
    /// becomes Active, takes a first round of shards and starts the loops.
    /// </summary>
    public async Task StartAsync(IEnumerable<IEntityRegistry> registries, CancellationToken cancellationToken)
    {
        await JoinAsync(registries, cancellationToken);
        StartLoops();
    }

    /// <summary>
    /// <see cref="StartAsync"/> without the loops: register the kinds, join, become Active, take a first round of
    /// shards. Tests then drive each service's <c>RunOnceAsync</c> themselves.
    /// </summary>
    public async Task JoinAsync(IEnumerable<IEntityRegistry> registries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registries);
        var list = registries.ToList();
        list.ForEach(_stopper.Add);
        await Leases.RegisterKindsAsync(list.Select(r => (r.Kind, r.NumShards)), cancellationToken);
        await Membership.JoinAsync(cancellationToken);
        await Membership.ActivateAsync(cancellationToken);
        await Leases.RunOnceAsync(cancellationToken);
    }

    /// <summary>Starts the lease, membership and rebalancer loops.</summary>
    public void StartLoops() => _loops.ForEach(l => l.Start());

    /// <summary>Graceful leave: ShuttingDown, step down as coordinator, hand every shard off, then Dead (this incarnation ends).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Membership.BeginLeavingAsync(cancellationToken);
        await Rebalancer.StepDownAsync(cancellationToken);
        await Leases.HandOffAllAsync(cancellationToken); // the lease loop keeps renewing shards while they drain
        await StopLoopsAsync();
        await Membership.FinishLeavingAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopLoopsAsync();

    private async Task StopLoopsAsync()
    {
        foreach (var loop in _loops)
        {
            await loop.StopAsync();
        }
    }
}
