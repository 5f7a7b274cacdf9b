using ActorTrust.Core.Agents;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Federation.Contracts;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Keys;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Sessions;
using ActorTrust.Node.Lineages;
using ActorTrust.Node.Sessions;
using ActorTrust.Core.Envelopes;
using ActorTrust.Persistence.PostgreSql;
using ActorTrust.Persistence.Sqlite;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Keys;
using ActorTrust.Runtime.Sharding;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Node.Hosting;

/// <summary>
/// The running parts of one node: the journal (SQLite embedded, or PostgreSQL shared by a cluster), the
/// group-commit writer, the shard leases (embedded: this node holds them all; clustered: the lease manager), the
/// node key, and one registry per entity kind reached through an <see cref="EntityGateway{TState,TCommand,TEvent}"/>.
/// Started before the API listens, stopped after it has stopped.
/// </summary>
public sealed class NodeRuntime : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private NodeRuntime(string nodeId, IJournal journal, JournalWriter writer, IShardLeases leases, KeyFile nodeKey, JournalCheckpointer checkpointer, ClusterRuntime? cluster)
    {
        NodeId = nodeId;
        Journal = journal;
        Writer = writer;
        Leases = leases;
        NodeKey = nodeKey;
        Checkpointer = checkpointer;
        Cluster = cluster;
        ClaimsNonces = Nonces;
    }

    /// <summary>This node, <c>host:port:incarnation</c>.</summary>
    public string NodeId { get; }

    public IJournal Journal { get; }

    public JournalWriter Writer { get; }

    public IShardLeases Leases { get; }

    /// <summary>The cluster runtime, or null for the embedded node.</summary>
    public ClusterRuntime? Cluster { get; }

    /// <summary>The node's signing key (journal checkpoints), kept in the data directory.</summary>
    public KeyFile NodeKey { get; }

    public EntityGateway<DomainState, DomainCommand, DomainEvent> Domains { get; private set; } = null!;

    public EntityGateway<AgentState, AgentCommand, AgentEvent> Agents { get; private set; } = null!;

    public EntityGateway<SessionState, SessionCommand, SessionEvent> Sessions { get; private set; } = null!;

    /// <summary>Federation contract versions (id = the version number).</summary>
    public EntityGateway<ContractState, ContractCommand, ContractEvent> Contracts { get; private set; } = null!;

    /// <summary>Federation peers (id = the peer id).</summary>
    public EntityGateway<PeerState, PeerCommand, PeerEvent> Peers { get; private set; } = null!;

    /// <summary>Checkpoint lineages, one per agent (entity id = the agent's SPIFFE ID).</summary>
    public EntityGateway<LineageState, LineageCommand, LineageEvent> Lineages { get; private set; } = null!;

    /// <summary>
    /// The lineages this node serves that have a running clock, by next deadline: fed by every lineage commit here,
    /// rebuilt for the shards this node starts serving, emptied of the shards it stops serving.
    /// </summary>
    internal LineageDeadlineIndex LineageDeadlines { get; private set; } = null!;

    /// <summary>Session-claims nonces this node has seen (replay protection), rebuilt from the journal at start.</summary>
    public NonceLedger Nonces { get; } = new();

    /// <summary>
    /// Where session-claims nonces are reserved: <see cref="Nonces"/> on an embedded node, the cluster store's shared
    /// ledger on a clustered one (a nonce is single use across the cluster, whichever node admits the session).
    /// </summary>
    public IClaimsNonceLedger ClaimsNonces { get; private set; }

    /// <summary>This node's Trust Record sequence and chain.</summary>
    public TrustRecordLedger TrustRecords { get; } = new();

    public IReadOnlyList<IEntityRegistry> Registries =>
        [Domains.Registry, Agents.Registry, Sessions.Registry, Contracts.Registry, Peers.Registry, Lineages.Registry];

    /// <summary>Signs journal checkpoints (stream heads) with the node key into <c>audit|checkpoints</c>.</summary>
    public JournalCheckpointer Checkpointer { get; }

    /// <summary>
    /// Opens the journal and starts the runtime; <paramref name="clusterTls"/> is how a clustered node calls the others
    /// (its node certificate and the cluster CA: mutual TLS), null for h2c in insecure mode; <paramref name="clusterCertificate"/>
    /// returns the node certificate presented now (a rotation renews the node-to-node client); <paramref name="attestor"/>
    /// signs this node's membership rows and leaves out rows it cannot verify (secure mode; null: rows are not attested).
    /// </summary>
    public static async Task<NodeRuntime> StartAsync(NodeSettings settings, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken,
        System.Net.Security.SslClientAuthenticationOptions? clusterTls = null, Func<object?>? clusterCertificate = null, IMemberAttestor? attestor = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        Directory.CreateDirectory(settings.Node.DataDir);
        var nodeKey = LoadOrCreateNodeKey(Path.Combine(settings.Node.DataDir, "node.key"), time);
        return settings.Cluster.Enabled
            ? await StartClusteredAsync(settings, nodeKey, time, loggers, clusterTls, clusterCertificate, attestor, cancellationToken)
            : await StartEmbeddedAsync(settings, nodeKey, time, loggers, cancellationToken);
    }

    private static async Task<NodeRuntime> StartEmbeddedAsync(NodeSettings settings, KeyFile nodeKey, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var uri = new Uri(settings.Node.Urls);
        var nodeId = $"{uri.Host}:{uri.Port}:{time.GetUtcNow().ToUnixTimeMilliseconds()}";
        settings.Sqlite.DataSource = Path.Combine(settings.Node.DataDir, "journal.db");
        var journal = await SqliteJournal.OpenAsync(settings.Sqlite, cancellationToken);
        var leases = await EmbeddedShardLeases.StartAsync(journal, nodeId, cancellationToken);
        var writer = new JournalWriter(journal, settings.Writer, loggers.CreateLogger<JournalWriter>());
        var auditLease = await leases.AcquireAsync("audit", 0, cancellationToken);
        var checkpointer = new JournalCheckpointer(journal, new Ed25519EnvelopeSigner(nodeKey.KeyPair), new WriterIdentity(nodeId, auditLease.FencingToken),
            time, settings.Audit, loggers.CreateLogger<JournalCheckpointer>());
        var runtime = new NodeRuntime(nodeId, journal, writer, leases, nodeKey, checkpointer, null);
        runtime._owned.Add(journal);
        runtime.BuildEntities(settings, time, loggers, null);
        await SessionLedgers.RebuildAsync(journal, EntityKinds.Session.Events, nodeKey.KeyId, runtime.Nonces, runtime.TrustRecords, time.GetUtcNow(), cancellationToken);
        return runtime;
    }

    private static async Task<NodeRuntime> StartClusteredAsync(NodeSettings settings, KeyFile nodeKey, TimeProvider time, ILoggerFactory loggers,
        System.Net.Security.SslClientAuthenticationOptions? clusterTls, Func<object?>? clusterCertificate, IMemberAttestor? attestor, CancellationToken cancellationToken)
    {
        var cluster = settings.Cluster;
        var self = ActorTrust.Runtime.Cluster.NodeId.Start(cluster.Host, cluster.Listen.Port, time);
        var nodeId = self.ToString();
        var journal = await PostgreSqlJournal.OpenAsync(cluster.PostgreSql, cancellationToken);
        PostgreSqlClusterStore? store = null;
        try
        {
            store = await PostgreSqlClusterStore.OpenAsync(cluster.PostgreSql, cancellationToken);
            if (clusterTls is null != (cluster.Listen.Scheme == "http"))
            {
                throw new InvalidOperationException($"actortrust.cluster.listen ({cluster.Listen}) and the node's TLS disagree: https needs the node certificate, http is insecure mode only");
            }

            if (clusterTls is not null && attestor is null)
            {
                throw new InvalidOperationException("a secure clustered node needs its certificate to attest its membership rows");
            }

            // One pooled HTTP/2 client for transport and probes, replaced when the node certificate rotates, so an open
            // connection does not keep presenting the old certificate; connection-lifetime bounds how long a peer's old one is seen.
            var http = new ClusterHttpClient(() => HttpClusterTransport.CreateHttpClient(clusterTls, cluster.ConnectionLifetime), clusterTls is null ? null : clusterCertificate);
            var scheme = cluster.Listen.Scheme; // every node of a cluster runs the same mode: probes use this node's scheme
            var probe = new HttpClusterProbe(http, node => $"{scheme}://{node.Endpoint}");

            // Secure mode: every reader of the membership table (membership, leases, rebalancer, router) sees only rows
            // signed by the node they name with a certificate from the cluster CA.
            IMembershipStore members = clusterTls is null ? store : new AttestedMembershipStore(store, self, attestor!, loggers.CreateLogger("ActorTrust.Cluster.Attestation"));
            var clusterNode = new ClusterNode(self, store, members, probe, cluster.Runtime, time, loggers);
            var writer = new JournalWriter(journal, settings.Writer, loggers.CreateLogger<JournalWriter>());

            // Checkpoints of the shared journal: any node may take one; the stream's sequence check serialises them
            // (a node that loses the race catches up from the feed and tries again later).
            var checkpointer = new JournalCheckpointer(journal, new Ed25519EnvelopeSigner(nodeKey.KeyPair), new WriterIdentity(nodeId, 1),
                time, settings.Audit, loggers.CreateLogger<JournalCheckpointer>());
            var kinds = new ClusterKinds();
            var table = new RoutingTable(store, members, time);
            var router = new ClusterRouter(clusterNode.LocalShards, kinds, table, new HttpClusterTransport(http, cluster.Routing.Limits), cluster.Routing, time,
                loggers.CreateLogger<ClusterRouter>());
            clusterNode.Leases.ShardAcquired += held => router.OnShardAcquired(held.Kind, held.Shard); // commands waiting for the shard run at once
            var receiver = new DeliveryReceiver(clusterNode.LocalShards, kinds, time, cluster.Routing.NodeBufferCapacity, table);
            var clusterRuntime = new ClusterRuntime(clusterNode, router, receiver, kinds, store, members, table, http, cluster);
            var runtime = new NodeRuntime(nodeId, journal, writer, clusterNode.ShardLeases, nodeKey, checkpointer, clusterRuntime);
            runtime._owned.Add(journal);
            runtime._owned.Add(store);
            runtime.ClaimsNonces = new SharedNonceLedger(store);
            runtime.BuildEntities(settings, time, loggers, clusterRuntime);
            await SessionLedgers.RebuildAsync(journal, EntityKinds.Session.Events, nodeKey.KeyId, runtime.Nonces, runtime.TrustRecords, time.GetUtcNow(), cancellationToken);
            return runtime;
        }
        catch
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }

            await journal.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// True when this node serves <paramref name="entityId"/> of <paramref name="kind"/> now: always on an embedded node;
    /// on a clustered node only when it holds the entity's shard lease. Node timers (lineage deadlines, peer liveness)
    /// act only on the entities served here, so each entity gets one check per interval, not one per node.
    /// </summary>
    public bool ServesLocally(string kind, int numShards, string entityId) =>
        Cluster is null || Cluster.Node.LocalShards.TryGetServing(kind, ActorTrust.Runtime.Sharding.Shards.ShardOf(entityId, numShards), out _);

    /// <summary>
    /// Closes a session this node serves: reads the session's head, takes the next position in this node's Trust Record
    /// chain and sends <see cref="CloseSession"/> (through <paramref name="send"/>) signed with this node's key. A clustered
    /// node reaches it through the session's serving runner, for a close sent here or forwarded by another node.
    /// </summary>
    public Task<CommandResult<SessionState>> CloseServedSessionAsync(string sessionId, Func<SessionCommand, Task<CommandResult<SessionState>>> send,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var signer = new Ed25519EnvelopeSigner(NodeKey.KeyPair);
        return TrustRecords.IssueAsync(async (sequence, previous) =>
        {
            var head = await Sessions.Registry.HeadAsync(sessionId, cancellationToken);
            var closed = await send(new CloseSession(NodeId, new JournalHead(head.SeqNr, head.LastHash), sequence, previous, signer));
            var issued = closed.IsAccepted && !closed.Duplicate && closed.EventTypes.Count > 0 ? closed.State?.Closure?.RecordHash : null;
            return (closed, issued);
        }, cancellationToken);
    }

    /// <summary>Joins the cluster (registers the kinds, becomes Active, takes shards); nothing for the embedded node.</summary>
    public Task StartClusterAsync(CancellationToken cancellationToken) =>
        Cluster is null ? Task.CompletedTask : Cluster.Node.StartAsync(Registries, cancellationToken);

    private void BuildEntities(NodeSettings settings, TimeProvider time, ILoggerFactory loggers, ClusterRuntime? cluster)
    {
        var logger = loggers.CreateLogger("ActorTrust.Entities");
        EntityGateway<TState, TCommand, TEvent> Gateway<TState, TCommand, TEvent>(EntityKind<TState, TCommand, TEvent> kind, ServingRunner<TState, TCommand>? runServing = null)
            where TState : class
            where TCommand : class
            where TEvent : class
        {
            var registry = new EntityRegistry<TState, TCommand, TEvent>(kind, Journal, Writer, Leases, time, settings.Entities, logger);
            if (cluster is null)
            {
                return new EntityGateway<TState, TCommand, TEvent>(registry);
            }

            cluster.Kinds.Add(registry, runServing: runServing);
            return new EntityGateway<TState, TCommand, TEvent>(registry, cluster.Router, cluster.Node.LocalShards);
        }

        Domains = Gateway(EntityKinds.Domain);
        Agents = Gateway(EntityKinds.Agent);
        Sessions = Gateway<SessionState, SessionCommand, SessionEvent>(EntityKinds.Session, (id, _, command, send, ct) =>
            command is CloseSessionHere ? CloseServedSessionAsync(id, send, ct) : send(command));
        Contracts = Gateway(EntityKinds.Contract);
        Peers = Gateway(EntityKinds.Peer);
        Lineages = Gateway(EntityKinds.Lineage);
        TrackLineageDeadlines(cluster);
    }

    private void TrackLineageDeadlines(ClusterRuntime? cluster)
    {
        var kind = EntityKinds.Lineage;
        var index = LineageDeadlines = new LineageDeadlineIndex(kind.NumShards, rebuildAllShards: cluster is null);
        Lineages.Registry.Committed += (agentId, committed) =>
        {
            if (ServesLocally(kind.Name, kind.NumShards, agentId))
            {
                index.Update(agentId, committed.State.NextDeadline, committed.Version);
            }
            else
            {
                index.Remove(agentId); // a command drained while the shard is handed off
            }
        };
        if (cluster is not null)
        {
            cluster.Node.Leases.ShardAcquired += held =>
            {
                if (held.Kind == kind.Name)
                {
                    index.MarkShardForRebuild(held.Shard);
                }
            };
            cluster.Node.Leases.ShardStoppedServing += stopped =>
            {
                if (stopped.Kind == kind.Name)
                {
                    index.DropShard(stopped.Shard);
                }
            };
        }
    }

    private static KeyFile LoadOrCreateNodeKey(string path, TimeProvider time)
    {
        if (File.Exists(path))
        {
            return KeyFileIo.Read(path);
        }

        using var pair = Ed25519KeyPair.Generate();
        var keyFile = KeyFile.Create(pair, time.GetUtcNow(), "node");
        KeyFileIo.Write(path, keyFile);
        return keyFile;
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            // Graceful leave: every shard is handed off (queued commands drain first) before the entities stop.
            try
            {
                using var leave = new CancellationTokenSource(Cluster.Settings.Runtime.HandoffTimeout + TimeSpan.FromSeconds(5));
                await Cluster.Node.StopAsync(leave.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The database or the other nodes are gone: the leases expire on their own.
            }

            await Cluster.DisposeAsync();
        }

        foreach (var registry in Registries)
        {
            await registry.StopAsync();
        }

        await Writer.DisposeAsync();

        // A last checkpoint after the final writes, so a tail cut off while the node is down is detectable.
        try
        {
            await Checkpointer.CheckpointAsync(CancellationToken.None);
        }
        catch (InvalidOperationException) when (Cluster is not null)
        {
            // Another node checkpointed the shared journal at the same moment; its checkpoint covers ours.
        }

        Checkpointer.Dispose();
        TrustRecords.Dispose();
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        NodeKey.Dispose();
    }
}

/// <summary>The clustered parts of a node: membership and leases, the router and receiver, the store.</summary>
public sealed class ClusterRuntime(
    ClusterNode node, ClusterRouter router, DeliveryReceiver receiver, ClusterKinds kinds, PostgreSqlClusterStore store, IMembershipStore members, RoutingTable table,
    ClusterHttpClient http, ClusterSettings settings) : IAsyncDisposable
{
    /// <summary>The membership table as this node counts it (in secure mode: attested rows only).</summary>
    public IMembershipStore Members { get; } = members;

    public ClusterNode Node { get; } = node;

    public ClusterRouter Router { get; } = router;

    public DeliveryReceiver Receiver { get; } = receiver;

    public ClusterKinds Kinds { get; } = kinds;

    public PostgreSqlClusterStore Store { get; } = store;

    public RoutingTable Table { get; } = table;

    public ClusterSettings Settings { get; } = settings;

    public async ValueTask DisposeAsync()
    {
        await Router.DisposeAsync();
        await Node.DisposeAsync();
        http.Dispose();
    }
}

/// <summary>The entity kinds this node hosts.</summary>
public static class EntityKinds
{
    public static EntityKind<DomainState, DomainCommand, DomainEvent> Domain { get; } = Kind("domain", DomainDecider.Instance) with
    {
        StartsStream = command => command is CreateDomain, // a create skips the activation read; the append's head check refuses an existing domain
    };

    public static EntityKind<AgentState, AgentCommand, AgentEvent> Agent { get; } = Kind("agent", AgentDecider.Instance);

    public static EntityKind<SessionState, SessionCommand, SessionEvent> Session { get; } = Kind("session", SessionDecider.Instance, SessionDecider.RecordedRejection);

    public static EntityKind<ContractState, ContractCommand, ContractEvent> Contract { get; } = Kind("contract", ContractDecider.Instance);

    public static EntityKind<PeerState, PeerCommand, PeerEvent> Peer { get; } = Kind("peer", PeerDecider.Instance, PeerDecider.RecordedRejection);

    public static EntityKind<LineageState, LineageCommand, LineageEvent> Lineage { get; } = Kind("lineage", LineageDecider.Instance, LineageDecider.RecordedRejection);

    /// <summary>A kind hosted with its decider, the catalog of its event types and how a recorded event maps back to a refusal.</summary>
    private static EntityKind<TState, TCommand, TEvent> Kind<TState, TCommand, TEvent>(
        string name, IDecider<TState, TCommand, TEvent> decider, Func<TEvent, Rejection?>? recordedRejection = null)
        where TState : class
        where TCommand : class
        where TEvent : class => new()
    {
        Name = name,
        Decider = decider,
        Events = EventCatalog<TEvent>.FromAssembly(),
        RecordedRejection = recordedRejection,
    };
}
