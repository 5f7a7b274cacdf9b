using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using ActorTrust.Runtime.Tests.Entities;
using ActorTrust.TestKit.Cluster;
using ActorTrust.TestKit.Journal;
using ActorTrust.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Runtime.Tests.Cluster;

/// <summary>
/// In-process nodes over one in-memory cluster store, journal and probe network. One manual clock serves as the
/// database clock and (unless a node gets its own) every node's local clock. Tests drive every round by hand.
/// </summary>
public sealed class ClusterRig : IAsyncDisposable
{
    private readonly List<RigNode> _nodes = [];
    private int _nextPort = 7001;

    public ClusterRig(int numShards = 8, ClusterOptions? options = null)
    {
        NumShards = numShards;
        Options = options ?? new ClusterOptions();
        Store = new InMemoryClusterStore(Time);
    }

    public ManualTimeProvider Time { get; } = new();

    public InMemoryClusterStore Store { get; }

    public InMemoryJournal Journal { get; } = new();

    public InMemoryProbeNetwork Probes { get; } = new();

    public ClusterOptions Options { get; }

    public int NumShards { get; }

    public RigNode Node(string host = "127.0.0.1", int? port = null, ManualTimeProvider? localTime = null)
    {
        var node = new RigNode(this, NodeId.Start(host, port ?? _nextPort++, Time), localTime ?? Time);
        _nodes.Add(node);
        Probes.Up(node.Id);
        return node;
    }

    /// <summary>Starts (joins and activates) a node, taking its first round of shards.</summary>
    public async Task<RigNode> StartedNode(string host = "127.0.0.1", int? port = null, ManualTimeProvider? localTime = null)
    {
        var node = Node(host, port, localTime);
        await node.JoinAsync();
        return node;
    }

    /// <summary>An entity id whose shard is <paramref name="shard"/>, distinct per <paramref name="nth"/>.</summary>
    public string EntityIn(int shard, int nth = 0) =>
        Enumerable.Range(0, 10_000).Select(i => $"e-{i}").Where(id => Shards.ShardOf(id, NumShards) == shard).Skip(nth).First();

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}

/// <summary>One node of a <see cref="ClusterRig"/>: its cluster runtime and a counter registry gated by its leases.</summary>
public sealed class RigNode : IAsyncDisposable
{
    private readonly ClusterRig _rig;

    public RigNode(ClusterRig rig, NodeId id, TimeProvider time)
    {
        _rig = rig;
        Id = id;
        Connection = rig.Store.ConnectionFor(id);
        Cluster = new ClusterNode(id, Connection, Connection, rig.Probes.ProbeFrom(id), rig.Options, time, NullLoggerFactory.Instance);
        Writer = new JournalWriter(rig.Journal, new JournalWriterOptions(), NullLogger<JournalWriter>.Instance);
        Registry = new EntityRegistry<CounterState, CounterCommand, CounterEvent>(
            CounterDecider.Kind() with { NumShards = rig.NumShards }, rig.Journal, Writer, Cluster.ShardLeases, time, new EntityRuntimeOptions(), NullLogger.Instance);
        Cluster.Leases.ShardStoppedServing += Stopped.Add;
    }

    public NodeId Id { get; }

    public string Name => Id.ToString();

    public InMemoryClusterConnection Connection { get; }

    public ClusterNode Cluster { get; }

    public ShardLeaseManager Leases => Cluster.Leases;

    public JournalWriter Writer { get; }

    public EntityRegistry<CounterState, CounterCommand, CounterEvent> Registry { get; }

    public List<ShardStopped> Stopped { get; } = [];

    public string Kind => Registry.Kind;

    public Task JoinAsync() => Cluster.JoinAsync([Registry], CancellationToken.None);

    /// <summary>One lease round, then waits for the shard stops and handoffs it started.</summary>
    public async Task LeaseRound()
    {
        await Leases.RunOnceAsync(CancellationToken.None);
        await Leases.WhenStoppedAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public Task MembershipRound() => Cluster.Membership.RunOnceAsync(CancellationToken.None);

    /// <summary>Runs <paramref name="count"/> membership rounds, one after another.</summary>
    public async Task MembershipRounds(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await MembershipRound();
        }
    }

    public Task<RebalanceRound> RebalanceRound() => Cluster.Rebalancer.RunOnceAsync(CancellationToken.None);

    public Task<CommandResult<CounterState>> Send(string entityId, string commandId, int by = 1) =>
        Registry.SendAsync(entityId, commandId, new Add(by), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    public bool Serves(int shard) => Leases.TryGetServing(Kind, shard, out _);

    public int ServedCount() => Enumerable.Range(0, _rig.NumShards).Count(Serves);

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Registry.StopAsync();
        await Writer.DisposeAsync();
    }
}
