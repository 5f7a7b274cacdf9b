using ActorTrust.Persistence.PostgreSql;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>Where a <see cref="TestNode"/> is in its life.</summary>
public enum TestNodeState
{
    /// <summary>Built, not joined yet.</summary>
    Created,

    /// <summary>Joined and serving.</summary>
    Running,

    /// <summary>Left gracefully (<see cref="TestCluster.StopAsync"/>).</summary>
    Stopped,

    /// <summary>Killed (<see cref="TestCluster.KillAsync"/>): nothing released.</summary>
    Killed,
}

/// <summary>
/// One node of a <see cref="TestCluster"/>, composed as a real node is: a <see cref="ClusterNode"/> over a
/// <see cref="PostgreSqlClusterStore"/>, a <see cref="JournalWriter"/> over a <see cref="PostgreSqlJournal"/> (both
/// through the node's own <see cref="DbLink"/>), a ledger <see cref="EntityRegistry{TState,TCommand,TEvent}"/> gated
/// by the node's leases, a <see cref="DeliveryReceiver"/> and a <see cref="ClusterRouter"/> on the cluster's transport
/// (a mutual-TLS Kestrel listener and HTTP/2 client, or the in-memory hub).
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly TestCluster _cluster;
    private int _commands;

    private TestNode(TestCluster cluster, NodeId id, INodeNetwork network, DbLink db, PostgreSqlClusterStore store, PostgreSqlJournal journal)
    {
        _cluster = cluster;
        Network = network;
        Id = id;
        Db = db;
        Store = store;
        PostgresJournal = journal;
        var options = cluster.Options;
        Journal = new NodeJournal(journal, id.ToString(), cluster.Recorder);
        FailureDetector = new FailureDetectorPuppet(network.Probe);
        Cluster = new ClusterNode(id, store, store, FailureDetector, options.Cluster with { Address = network.Address },
            Clock, NullLoggerFactory.Instance);
        Writer = new JournalWriter(Journal, new JournalWriterOptions(), NullLogger<JournalWriter>.Instance);
        var kind = LedgerDecider.Kind(cluster.Recorder.Recording(id.ToString(), new LedgerDecider()), options.NumShards, options.Snapshots);
        Registry = new EntityRegistry<LedgerState, LedgerCommand, LedgerEvent>(
            kind, Journal, Writer, Cluster.ShardLeases, Clock, options.Entities, NullLogger.Instance);
        Kinds = new ClusterKinds().Add(Registry);
        Table = new RoutingTable(store, store, Clock);
        Receiver = new DeliveryReceiver(Cluster.LocalShards, Kinds, Clock, 100_000, Table);
        Router = new ClusterRouter(Cluster.LocalShards, Kinds, Table, network.Transport, options.Router, Clock, NullLogger.Instance);
        Cluster.Leases.ShardAcquired += held => Router.OnShardAcquired(held.Kind, held.Shard);
    }

    /// <summary>This node (with its incarnation).</summary>
    public NodeId Id { get; }

    /// <summary>Where other nodes reach this one (<c>https://127.0.0.1:port</c> with Kestrel, <c>http://…</c> in memory).</summary>
    public string Address => Network.Address;

    /// <summary>A short name for messages.</summary>
    public string Name => Id.ToString();

    /// <summary>Where the node is in its life.</summary>
    public TestNodeState State { get; internal set; } = TestNodeState.Created;

    /// <summary>The node's clock (pause, skew).</summary>
    public NodeClock Clock { get; } = new();

    /// <summary>The node's road to the database.</summary>
    public DbLink Db { get; }

    /// <summary>The node's lease and membership store.</summary>
    public PostgreSqlClusterStore Store { get; }

    /// <summary>The node's PostgreSQL journal (under <see cref="Journal"/>).</summary>
    public PostgreSqlJournal PostgresJournal { get; }

    /// <summary>The journal the node's writer and entities use (gated, recorded).</summary>
    public NodeJournal Journal { get; }

    /// <summary>The cluster runtime.</summary>
    public ClusterNode Cluster { get; }

    /// <summary>The group-commit writer.</summary>
    public JournalWriter Writer { get; }

    /// <summary>The ledger entities of this node.</summary>
    public EntityRegistry<LedgerState, LedgerCommand, LedgerEvent> Registry { get; }

    /// <summary>The kinds the receiver and router know.</summary>
    public ClusterKinds Kinds { get; }

    /// <summary>The routing table (lease table and membership, cached).</summary>
    public RoutingTable Table { get; }

    /// <summary>Runs commands that other nodes send here.</summary>
    public DeliveryReceiver Receiver { get; }

    /// <summary>Sends commands to their owners.</summary>
    public ClusterRouter Router { get; }

    /// <summary>Shards of the ledger kind this node serves right now.</summary>
    public IReadOnlyList<int> ServedShards =>
        [.. Enumerable.Range(0, _cluster.Options.NumShards).Where(s => Cluster.LocalShards.TryGetServing(LedgerDecider.KindName, s, out _))];

    /// <summary>True when this node serves <paramref name="shard"/> now.</summary>
    public bool Serves(int shard) => Cluster.LocalShards.TryGetServing(LedgerDecider.KindName, shard, out _);

    /// <summary>Routes a deposit from this node (a fresh command id unless given).</summary>
    public Task<CommandResult<LedgerState>> DepositAsync(string entityId, long amount = 1, string? commandId = null, TimeSpan? deadline = null, CancellationToken cancellationToken = default) =>
        Router.SendAsync<LedgerState, LedgerCommand>(
            LedgerDecider.KindName, entityId, commandId ?? $"{Id.Port}-{Id.Incarnation}-{Interlocked.Increment(ref _commands)}", new Deposit(amount),
            deadline ?? _cluster.Options.Router.DefaultDeadline, cancellationToken);

    /// <summary>The transport this node's router sends batches with.</summary>
    public IClusterTransport Transport => Network.Transport;

    /// <summary>The probe this node's membership probes others with (and relays indirect probes with): the network's, under <see cref="FailureDetector"/>.</summary>
    public IClusterProbe Probe => FailureDetector;

    /// <summary>This node's failure-detector override (<see cref="TestCluster.MarkSuspect"/>).</summary>
    public FailureDetectorPuppet FailureDetector { get; }

    /// <summary>How this node is on the network.</summary>
    internal INodeNetwork Network { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (State is TestNodeState.Running or TestNodeState.Created)
        {
            await _cluster.KillAsync(this);
        }
    }

    internal static async Task<TestNode> CreateAsync(TestCluster cluster, NodeId id, INodeNetwork network, CancellationToken cancellationToken)
    {
        var db = new DbLink(cluster.Server.Port);
        var options = new PostgreSqlJournalOptions
        {
            ConnectionString = db.Route(cluster.ConnectionString),
            ClusterId = cluster.ClusterId,
            CommandTimeout = TimeSpan.FromSeconds(10),
        };
        PostgreSqlClusterStore? store = null;
        try
        {
            store = await PostgreSqlClusterStore.OpenAsync(options, cancellationToken);
            var journal = await PostgreSqlJournal.OpenAsync(options, cancellationToken);
            return new TestNode(cluster, id, network, db, store, journal);
        }
        catch
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }

            await db.DisposeAsync();
            throw;
        }
    }

    internal async Task JoinAsync(bool runLoops, CancellationToken cancellationToken)
    {
        Network.Attach(Receiver, Cluster.Relay);
        await Cluster.JoinAsync([Registry], cancellationToken);
        if (runLoops)
        {
            Cluster.StartLoops();
        }

        State = TestNodeState.Running;
    }

    /// <summary>Tears the node down after it is dead to the cluster; every step is best effort with a time limit.</summary>
    internal async Task ReleaseResourcesAsync()
    {
        Journal.Gate.Open();
        Clock.Resume();
        await Quietly(Router.DisposeAsync().AsTask());
        await Quietly(Cluster.DisposeAsync().AsTask());
        await Quietly(Registry.StopAsync());
        await Quietly(Writer.DisposeAsync().AsTask());
        await Quietly(PostgresJournal.DisposeAsync().AsTask());
        await Quietly(Store.DisposeAsync().AsTask());
        await Quietly(Db.DisposeAsync().AsTask());
    }

    private static async Task Quietly(Task step)
    {
        try
        {
            await step.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // a killed node's parts fail as they go down; that is the point of killing it
        }
    }
}
