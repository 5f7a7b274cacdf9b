using System.Diagnostics;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Tests.Entities;
using ActorTrust.TestKit.Cluster;
using ActorTrust.TestKit.Journal;
using ActorTrust.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Runtime.Tests.Cluster.Transport;

/// <summary>
/// Counter nodes on an in-memory hub, sharing one journal (as nodes share one database), with lease and membership
/// tables the test edits and a manual clock the test drives.
/// </summary>
internal sealed class RoutingCluster : IAsyncDisposable
{
    public const string Kind = "counter";
    public const int NumShards = 8;
    private readonly List<RoutingNode> _nodes = [];

    public RoutingCluster(RouterOptions? options = null) => Options = options ?? new RouterOptions();

    public ManualTimeProvider Time { get; } = new();

    public InMemoryJournal Journal { get; } = new();

    public FakeClusterTables Tables { get; } = new();

    public InMemoryTransportHub Hub => field ??= new InMemoryTransportHub(Time);

    public RouterOptions Options { get; }

    public RoutingNode AddNode(int port, long incarnation = 1, int maxInFlight = 100_000)
    {
        var node = new RoutingNode(this, new NodeId("127.0.0.1", port, incarnation), maxInFlight);
        Tables.AddMember(node.Id, $"http://127.0.0.1:{port}");
        Hub.Register(node.Receiver);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Adds a node that serves every shard of <see cref="Kind"/> and that the lease table names as their owner.</summary>
    public RoutingNode AddOwnerOfAllShards(int port, long incarnation = 1, int maxInFlight = 100_000)
    {
        var node = AddNode(port, incarnation, maxInFlight);
        node.Shards.ServeAll(Kind, NumShards);
        Tables.SetOwnerOfAll(Kind, NumShards, node.Id);
        return node;
    }

    /// <summary>Advances the clock in steps until <paramref name="task"/> completes (waiting a little real time between steps).</summary>
    public async Task<T> Drive<T>(Task<T> task, TimeSpan step)
    {
        var guard = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            guard.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "the routed command never finished");
            Time.Advance(step);
            await Task.WhenAny(task, Task.Delay(2));
        }

        return await task;
    }

    public static async Task WaitUntil(Func<bool> condition)
    {
        var guard = Stopwatch.StartNew();
        while (!condition())
        {
            guard.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "the condition never held");
            await Task.Delay(2);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}

internal sealed class RoutingNode : IAsyncDisposable
{
    private int _commands;

    public RoutingNode(RoutingCluster cluster, NodeId id, int maxInFlight)
    {
        Id = id;
        Writer = new JournalWriter(cluster.Journal, new JournalWriterOptions(), NullLogger<JournalWriter>.Instance);
        Registry = new EntityRegistry<CounterState, CounterCommand, CounterEvent>(
            CounterDecider.Kind(), cluster.Journal, Writer, new FixedLeases(id.ToString()), cluster.Time, new EntityRuntimeOptions(), NullLogger.Instance);
        Shards = new FakeLocalShards(id);
        Kinds = new ClusterKinds().Add(Registry);
        Table = new RoutingTable(cluster.Tables, cluster.Tables, cluster.Time);
        Receiver = new DeliveryReceiver(Shards, Kinds, cluster.Time, maxInFlight, Table);
        Router = new ClusterRouter(Shards, Kinds, Table, cluster.Hub.TransportFor(id), cluster.Options, cluster.Time, NullLogger.Instance);
    }

    public NodeId Id { get; }

    public JournalWriter Writer { get; }

    public EntityRegistry<CounterState, CounterCommand, CounterEvent> Registry { get; }

    public FakeLocalShards Shards { get; }

    public ClusterKinds Kinds { get; }

    public RoutingTable Table { get; }

    public DeliveryReceiver Receiver { get; }

    public ClusterRouter Router { get; }

    public Task<CommandResult<CounterState>> Send(string entityId, CounterCommand command, string? commandId = null, TimeSpan? deadline = null) =>
        Router.SendAsync<CounterState, CounterCommand>(
            RoutingCluster.Kind, entityId, commandId ?? $"{Id.Port}-{Interlocked.Increment(ref _commands)}", command,
            deadline ?? TimeSpan.FromSeconds(10), CancellationToken.None);

    public Task<long> TotalOf(string entityId) =>
        Registry.QueryAsync(entityId, (state, _) => state.Total, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await Router.DisposeAsync();
        await Registry.StopAsync();
        await Writer.DisposeAsync();
    }
}
