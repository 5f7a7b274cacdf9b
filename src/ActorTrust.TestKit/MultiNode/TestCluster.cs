using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using ActorTrust.Persistence.PostgreSql;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using ActorTrust.TestKit.Cluster;
using ActorTrust.TestKit.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>
/// An in-process cluster of test nodes sharing one real PostgreSQL database, each node composed as a real one is
/// (<see cref="TestNode"/>), talking over real Kestrel HTTP/2 listeners on 127.0.0.1 with mutual TLS 1.3 and
/// certificates from a per-cluster <see cref="TestClusterCa"/> (<see cref="TestClusterTransport.Kestrel"/>), or over an
/// <see cref="InMemoryTransportHub"/> (<see cref="TestClusterTransport.InMemory"/>), plus a conductor that injects the
/// faults of engines.md §8.6: <see cref="Blackhole"/>/<see cref="PassThrough"/>, <see cref="Delay"/>,
/// <see cref="DropRate"/>, <see cref="MarkSuspect"/>/<see cref="ClearSuspect"/>, <see cref="IsolateFromDb"/>, <see cref="Pause"/>/<see cref="Resume"/>, <see cref="KillAsync"/>,
/// <see cref="StopAsync"/>, <see cref="RestartAsync"/>, <see cref="ClockSkew"/> and <see cref="Barrier"/>.
/// Every command execution is logged by <see cref="Recorder"/>; <see cref="AuditAsync"/> checks the whole
/// journal and the activation log and should end every spec. Time is real (short lease ttl): specs wait for
/// conditions with <see cref="WaitUntilAsync(Func{bool}, string, TimeSpan?)"/>, never for fixed durations.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private static int _clusters;
    private readonly List<TestNode> _nodes = [];
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<PeerRefusal> _refusals = new();
    private int _nextPort = 7101;
    private PostgreSqlClusterStore? _auditStore;

    private TestCluster(PostgresServer server, string connectionString, TestClusterOptions options, PostgreSqlJournal auditJournal)
    {
        Server = server;
        ConnectionString = connectionString;
        Options = options;
        AuditJournal = auditJournal;
        Hub = new InMemoryTransportHub(TimeProvider.System);
        Reader = new EntityRegistry<LedgerState, LedgerCommand, LedgerEvent>(
            LedgerDecider.Kind(options.NumShards, options.Snapshots), auditJournal,
            new JournalWriter(auditJournal, new JournalWriterOptions(), NullLogger<JournalWriter>.Instance),
            new NoLeases(), TimeProvider.System, options.Entities, NullLogger.Instance);
    }

    /// <summary>The PostgreSQL server.</summary>
    public PostgresServer Server { get; }

    /// <summary>A direct connection string to this cluster's database (not through any node's link).</summary>
    public string ConnectionString { get; }

    /// <summary>The membership cluster id.</summary>
    public string ClusterId { get; } = "multinode";

    /// <summary>The settings.</summary>
    public TestClusterOptions Options { get; }

    /// <summary>The in-memory transport between nodes; with Kestrel, only the fault table (blackholes and delays live here).</summary>
    public InMemoryTransportHub Hub { get; }

    /// <summary>The cluster's certificate authority (Kestrel mode; unused in memory).</summary>
    public TestClusterCa Ca { get; } = new();

    /// <summary>The transport limits of every node.</summary>
    public TransportLimits Limits { get; } = new();

    /// <summary>Every cluster-route request a node's peer authenticator refused (401/403), in order (Kestrel mode).</summary>
    public IReadOnlyList<PeerRefusal> PeerRefusals => [.. _refusals];

    /// <summary>Every committed command execution of every node.</summary>
    public ActivationRecorder Recorder { get; } = new();

    /// <summary>A journal over a direct connection, for audits and reads that belong to no node.</summary>
    public PostgreSqlJournal AuditJournal { get; }

    /// <summary>Reads committed ledger state straight from the journal (verified replay, no activation, no lease).</summary>
    public EntityRegistry<LedgerState, LedgerCommand, LedgerEvent> Reader { get; }

    /// <summary>Every node ever started, in order (killed and stopped ones included).</summary>
    public IReadOnlyList<TestNode> AllNodes
    {
        get
        {
            lock (_lock)
            {
                return [.. _nodes];
            }
        }
    }

    /// <summary>The running nodes.</summary>
    public IReadOnlyList<TestNode> Nodes => [.. AllNodes.Where(n => n.State == TestNodeState.Running)];

    /// <summary>The <paramref name="index"/>-th node ever started.</summary>
    public TestNode this[int index] => AllNodes[index];

    /// <summary>
    /// Creates a fresh database on <paramref name="server"/>, starts <see cref="TestClusterOptions.Nodes"/> nodes one
    /// after another and (when the loops run) waits until every shard is served.
    /// </summary>
    public static async Task<TestCluster> StartAsync(PostgresServer server, TestClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        options ??= new TestClusterOptions();
        var n = Interlocked.Increment(ref _clusters).ToString(CultureInfo.InvariantCulture);
        var connectionString = await server.CreateDatabaseAsync($"multinode_{Environment.ProcessId}_{n}", cancellationToken);
        var audit = await PostgreSqlJournal.OpenAsync(new PostgreSqlJournalOptions { ConnectionString = connectionString }, cancellationToken);
        var cluster = new TestCluster(server, connectionString, options, audit);
        try
        {
            for (var i = 0; i < options.Nodes; i++)
            {
                await cluster.AddNodeAsync(cancellationToken);
            }

            if (options.RunLoops && options.Nodes > 0)
            {
                await cluster.WaitUntilAsync(() => cluster.AllShardsServed(), "every shard is served after start");
                if (options.WaitForBalance)
                {
                    await cluster.WaitUntilBalancedAsync();
                }
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more node (a fresh host:port) and joins it.</summary>
    public Task<TestNode> AddNodeAsync(CancellationToken cancellationToken = default) => AddNodeAsync(null, cancellationToken);

    /// <summary>
    /// Starts one more node (a fresh host:port) whose certificate is described by <paramref name="certificate"/>
    /// (Kestrel mode; an honest one when null) and joins it. A node whose certificate is not valid by its own trust or
    /// does not name its endpoint refuses to join, as a real node refuses to start (<see cref="InvalidOperationException"/>).
    /// </summary>
    public async Task<TestNode> AddNodeAsync(TestNodeCertificate? certificate, CancellationToken cancellationToken = default) =>
        await StartNodeAsync(0, certificate, cancellationToken);

    // ---- conductor -------------------------------------------------------------------------------------------

    /// <summary>Loses traffic between <paramref name="a"/> and <paramref name="b"/> in <paramref name="direction"/> (seen from a).</summary>
    public void Blackhole(TestNode a, TestNode b, LinkDirection direction = LinkDirection.Both)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Hub.Blackhole(a.Id, b.Id, direction);
    }

    /// <summary>Heals <see cref="Blackhole"/>.</summary>
    public void PassThrough(TestNode a, TestNode b, LinkDirection direction = LinkDirection.Both)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Hub.PassThrough(a.Id, b.Id, direction);
    }

    /// <summary>Delays every request from <paramref name="a"/> to <paramref name="b"/> (zero removes the delay).</summary>
    public void Delay(TestNode a, TestNode b, TimeSpan by)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Hub.Delay(a.Id, b.Id, by);
    }

    /// <summary>
    /// Loses each request from <paramref name="a"/> to <paramref name="b"/> (deliveries and probes, direct or indirect)
    /// with probability <paramref name="probability"/>, decided by a <see cref="Random"/> seeded with <paramref name="seed"/>
    /// (zero removes the fault). Only that direction: call it again with the nodes swapped to drop both.
    /// </summary>
    public void DropRate(TestNode a, TestNode b, double probability, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Hub.DropRate(a.Id, b.Id, probability, seed);
    }

    /// <summary>
    /// Makes <paramref name="observer"/>'s failure detector treat <paramref name="target"/> as missed (a
    /// FailureDetectorPuppet): its probes of the target fail, directly and through intermediaries, so after
    /// <see cref="ClusterOptions.MissedProbesLimit"/> rounds it votes the target suspect. Other nodes are not affected.
    /// </summary>
    public static void MarkSuspect(TestNode observer, TestNode target)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(target);
        observer.FailureDetector.MarkSuspect(target.Id);
    }

    /// <summary>Ends <see cref="MarkSuspect"/>: <paramref name="observer"/> probes <paramref name="target"/> for real again.</summary>
    public static void ClearSuspect(TestNode observer, TestNode target)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(target);
        observer.FailureDetector.Clear(target.Id);
    }

    /// <summary>Cuts <paramref name="node"/> off the database: its open connections drop and new ones are refused.</summary>
    public static void IsolateFromDb(TestNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Db.Cut();
    }

    /// <summary>Gives <paramref name="node"/> its database back.</summary>
    public static void ReconnectToDb(TestNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Db.Restore();
    }

    /// <summary>
    /// A stop-the-world pause of <paramref name="node"/>: its timers (lease renewals, probes, rebalancing, retries)
    /// hold, its journal appends wait at the gate (a batch its writer already took is kept, to be sent unchanged on
    /// <see cref="Resume"/>), and it neither receives nor answers traffic.
    /// </summary>
    public void Pause(TestNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Clock.Pause();
        node.Journal.Gate.Close();
        foreach (var other in AllNodes.Where(o => o != node))
        {
            Hub.Blackhole(node.Id, other.Id, LinkDirection.Both);
        }
    }

    /// <summary>Ends <see cref="Pause"/>: held timers fire, the kept batch goes to the database, traffic flows.</summary>
    public void Resume(TestNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var other in AllNodes.Where(o => o != node))
        {
            Hub.PassThrough(node.Id, other.Id, LinkDirection.Both);
        }

        node.Journal.Gate.Open();
        node.Clock.Resume();
    }

    /// <summary>Shifts <paramref name="node"/>'s wall clock by <paramref name="offset"/> (leases use database time, so this must change nothing).</summary>
    public static void ClockSkew(TestNode node, TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Clock.Skew = offset;
    }

    /// <summary>
    /// Kills <paramref name="node"/> as SIGKILL would: its database connections drop (open transactions abort), it
    /// leaves the network, its loops stop; nothing is released and its membership row stays as it was.
    /// </summary>
    public async Task KillAsync(TestNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.State is TestNodeState.Killed or TestNodeState.Stopped)
        {
            return;
        }

        node.State = TestNodeState.Killed;
        node.Db.Cut();
        await node.Network.DetachAsync();
        await node.ReleaseResourcesAsync();
    }

    /// <summary>Stops <paramref name="node"/> gracefully: it hands every shard off, leaves the membership, then goes down.</summary>
    public async Task StopAsync(TestNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.State != TestNodeState.Running)
        {
            throw new InvalidOperationException($"{node.Name} is {node.State}, not running");
        }

        await node.Cluster.StopAsync(cancellationToken);
        node.State = TestNodeState.Stopped;
        await node.Network.DetachAsync();
        await node.ReleaseResourcesAsync();
    }

    /// <summary>Kills <paramref name="node"/> (if still running) and starts a new incarnation at the same host:port.</summary>
    public async Task<TestNode> RestartAsync(TestNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        await KillAsync(node);
        return await StartNodeAsync(node.Id.Port, null, cancellationToken);
    }

    /// <summary>A barrier for <paramref name="participants"/> tasks of a spec; the name appears in its timeout message.</summary>
    public static TestBarrier Barrier(string name, int participants) => new(name, participants);

    // ---- observation ----------------------------------------------------------------------------------------

    /// <summary>An entity id whose ledger shard is <paramref name="shard"/>, distinct per <paramref name="nth"/>.</summary>
    public string EntityIn(int shard, int nth = 0) =>
        Enumerable.Range(0, 1_000_000).Select(i => $"acct-{i}").Where(id => ShardOf(id) == shard).Skip(nth).First();

    /// <summary>The ledger shard of <paramref name="entityId"/>.</summary>
    public int ShardOf(string entityId) => Shards.ShardOf(entityId, Options.NumShards);

    /// <summary>The running node that serves <paramref name="shard"/> now, if one does.</summary>
    public TestNode? ServerOf(int shard) => Nodes.FirstOrDefault(n => n.Serves(shard));

    /// <summary>True when every shard is served by exactly one running node.</summary>
    public bool AllShardsServed() =>
        Enumerable.Range(0, Options.NumShards).All(s => Nodes.Count(n => n.Serves(s)) == 1);

    /// <summary>True when every shard is served once and each running node serves ⌊S/N⌋ or ⌈S/N⌉ of them.</summary>
    public bool IsBalanced()
    {
        var nodes = Nodes;
        if (nodes.Count == 0 || !AllShardsServed())
        {
            return false;
        }

        var low = Options.NumShards / nodes.Count;
        var high = (Options.NumShards + nodes.Count - 1) / nodes.Count;
        return nodes.All(n => n.ServedShards.Count >= low && n.ServedShards.Count <= high);
    }

    /// <summary>Waits until <see cref="IsBalanced"/>.</summary>
    public Task WaitUntilBalancedAsync(TimeSpan? timeout = null) =>
        WaitUntilAsync(IsBalanced, $"the {Options.NumShards} shards are spread evenly over the running nodes", timeout);

    /// <summary>The lease table of the ledger kind as the database has it now.</summary>
    public async Task<IReadOnlyList<LeaseRow>> LeasesAsync(CancellationToken cancellationToken = default) =>
        [.. (await (await AuditStoreAsync(cancellationToken)).ReadAllAsync(cancellationToken)).Where(r => r.Kind == LedgerDecider.KindName).OrderBy(r => r.Shard)];

    /// <summary>The membership table as the database has it now.</summary>
    public async Task<MembershipSnapshot> MembersAsync(CancellationToken cancellationToken = default) =>
        await (await AuditStoreAsync(cancellationToken)).ReadAsync(cancellationToken);

    /// <summary>The whole global feed, in feed order.</summary>
    public async Task<IReadOnlyList<JournalRecord>> FeedAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<JournalRecord>();
        while (true)
        {
            var page = await AuditJournal.ReadFeedAsync(all.Count == 0 ? 0 : all[^1].GlobalPosition, 1000, FeedFilter.All, cancellationToken);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
        }
    }

    /// <summary>The committed state of a ledger, replayed and verified from the journal.</summary>
    public async Task<LedgerState> CommittedAsync(string entityId, CancellationToken cancellationToken = default) =>
        (await Reader.ReadCommittedAsync(entityId, null, cancellationToken)).State;

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails naming <paramref name="what"/> after the timeout.</summary>
    public Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails naming <paramref name="what"/> after the timeout.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? Options.WaitTimeout;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"waited {limit.TotalSeconds:0.#} s and this never held: {what}");
            }

            await Task.Delay(20); // poll pacing inside a deadline loop, not synchronisation
        }
    }

    /// <summary>
    /// The end-of-spec audit: the whole journal (contiguous sequence numbers, hash chains, non-decreasing writer
    /// tokens, every event once in the global feed) and the activation log (no entity on two nodes at once).
    /// </summary>
    public async Task<JournalAudit> AuditAsync(CancellationToken cancellationToken = default)
    {
        // The feed is read below the oldest running transaction of the whole server (pg_snapshot_xmin), so an event
        // committed a moment ago may not be in it yet; give a lagging feed a bounded time to catch up. An event the
        // feed truly skips stays missing and fails the audit.
        var audit = await JournalAuditor.AuditAsync(AuditJournal, cancellationToken);
        var clock = Stopwatch.StartNew();
        while (audit.Violations.Count > 0 && audit.Violations.All(v => v.Contains("but the global feed", StringComparison.Ordinal)) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, cancellationToken); // poll pacing inside a deadline loop, not synchronisation
            audit = await JournalAuditor.AuditAsync(AuditJournal, cancellationToken);
        }

        audit.AssertClean();
        Recorder.AssertNoOverlap();
        return audit;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in AllNodes)
        {
            await KillAsync(node);
        }

        await Reader.StopAsync();
        if (_auditStore is not null)
        {
            await _auditStore.DisposeAsync();
        }

        await AuditJournal.DisposeAsync();
        Ca.Dispose();
    }

    private async Task<PostgreSqlClusterStore> AuditStoreAsync(CancellationToken cancellationToken) =>
        _auditStore ??= await PostgreSqlClusterStore.OpenAsync(new PostgreSqlJournalOptions { ConnectionString = ConnectionString, ClusterId = ClusterId }, cancellationToken);

    private async Task<TestNode> StartNodeAsync(int port, TestNodeCertificate? certificate, CancellationToken cancellationToken)
    {
        INodeNetwork network;
        NodeId id;
        if (Options.Transport == TestClusterTransport.Kestrel)
        {
            var listener = "(binding)";
            var trusted = new X509Certificate2Collection(Ca.Certificate);
            if (certificate?.IssuedBy is { } issuer)
            {
                trusted.Add(issuer);
            }

            var kestrel = await KestrelNodeNetwork.ListenAsync(port, trusted, Limits,
                (remote, reason, code) => _refusals.Enqueue(new PeerRefusal(listener, remote, reason, code)), cancellationToken);
            id = NewId(kestrel.Port);
            listener = id.Endpoint;
            kestrel.Connect(Ca.IssueNode(certificate?.NamesNode ?? id.Endpoint, certificate?.IssuedBy), Hub, Limits);
            if (kestrel.RefuseJoin(id) is { } refused)
            {
                await kestrel.DetachAsync();
                throw new InvalidOperationException(refused);
            }

            network = kestrel;
        }
        else
        {
            if (port == 0)
            {
                lock (_lock)
                {
                    port = _nextPort++;
                }
            }

            id = NewId(port);
            network = new InMemoryNodeNetwork(Hub, id);
        }

        TestNode node;
        try
        {
            node = await TestNode.CreateAsync(this, id, network, cancellationToken);
        }
        catch
        {
            await network.DetachAsync();
            throw;
        }

        lock (_lock)
        {
            _nodes.Add(node);
        }

        await node.JoinAsync(Options.RunLoops, cancellationToken);
        return node;
    }

    // A fresh incarnation at 127.0.0.1:port, newer than any earlier one there.
    private NodeId NewId(int port)
    {
        var id = NodeId.Start("127.0.0.1", port, TimeProvider.System);
        var previous = AllNodes.Where(n => n.Id.Port == port).Select(n => n.Id.Incarnation).DefaultIfEmpty(0).Max();
        return id.Incarnation <= previous ? id with { Incarnation = previous + 1 } : id;
    }

    private sealed class NoLeases : IShardLeases
    {
        public ValueTask<ShardLease> AcquireAsync(string kind, int shard, CancellationToken cancellationToken) =>
            throw new NotOwnerException(kind, shard, null); // the reader only replays; it never runs commands
    }
}

/// <summary>An async barrier: <see cref="SignalAndWaitAsync"/> returns once every participant has arrived.</summary>
public sealed class TestBarrier(string name, int participants)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    /// <summary>The barrier's name.</summary>
    public string Name => name;

    /// <summary>Arrives and waits (up to <paramref name="timeout"/>, default 30 s) for the others.</summary>
    public async Task SignalAndWaitAsync(TimeSpan? timeout = null)
    {
        if (Interlocked.Increment(ref _arrived) >= participants)
        {
            _all.TrySetResult();
        }

        try
        {
            await _all.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"barrier '{name}': {Volatile.Read(ref _arrived)} of {participants} arrived");
        }
    }
}

/// <summary>A cluster-route request a Kestrel-mode node refused.</summary>
/// <param name="Node">The refusing node's <c>host:port</c>.</param>
/// <param name="Remote">The caller's address.</param>
/// <param name="Reason">Why, as answered.</param>
/// <param name="Code">The short reason code (<c>missing</c>, <c>certificate_invalid</c>, <c>certificate_expired</c>, <c>not_a_node</c>, <c>identity_mismatch</c>).</param>
public sealed record PeerRefusal(string Node, string? Remote, string Reason, string Code);
