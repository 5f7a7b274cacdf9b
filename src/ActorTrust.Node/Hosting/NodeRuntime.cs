using ActorTrust.Core.Agents;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Federation.Contracts;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Keys;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Sessions;
using ActorTrust.Node.Sessions;
using ActorTrust.Core.Envelopes;
using ActorTrust.Persistence.Sqlite;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Node.Hosting;

/// <summary>
/// The running parts of one embedded node: the SQLite journal, the group-commit writer, the leases (this
/// node holds them all), the node key, and one registry per entity kind. Started before the API listens,
/// stopped after it has stopped.
/// </summary>
public sealed class NodeRuntime : IAsyncDisposable
{
    private NodeRuntime(string nodeId, SqliteJournal journal, JournalWriter writer, IShardLeases leases, KeyFile nodeKey,
        EntityRegistry<DomainState, DomainCommand, DomainEvent> domains, EntityRegistry<AgentState, AgentCommand, AgentEvent> agents,
        JournalCheckpointer checkpointer, EntityRegistry<SessionState, SessionCommand, SessionEvent> sessions,
        EntityRegistry<ContractState, ContractCommand, ContractEvent> contracts, EntityRegistry<PeerState, PeerCommand, PeerEvent> peers,
        EntityRegistry<LineageState, LineageCommand, LineageEvent> lineages)
    {
        Contracts = contracts;
        Peers = peers;
        Lineages = lineages;
        Sessions = sessions;
        Checkpointer = checkpointer;
        NodeId = nodeId;
        Journal = journal;
        Writer = writer;
        Leases = leases;
        NodeKey = nodeKey;
        Domains = domains;
        Agents = agents;
    }

    /// <summary>This node, <c>host:port:incarnation</c>.</summary>
    public string NodeId { get; }

    public SqliteJournal Journal { get; }

    public JournalWriter Writer { get; }

    public IShardLeases Leases { get; }

    /// <summary>The node's signing key (journal checkpoints), kept in the data directory.</summary>
    public KeyFile NodeKey { get; }

    public EntityRegistry<DomainState, DomainCommand, DomainEvent> Domains { get; }

    public EntityRegistry<AgentState, AgentCommand, AgentEvent> Agents { get; }

    public EntityRegistry<SessionState, SessionCommand, SessionEvent> Sessions { get; }

    /// <summary>Federation contract versions (id = the version number).</summary>
    public EntityRegistry<ContractState, ContractCommand, ContractEvent> Contracts { get; }

    /// <summary>Federation peers (id = the peer id).</summary>
    public EntityRegistry<PeerState, PeerCommand, PeerEvent> Peers { get; }

    /// <summary>Checkpoint lineages, one per agent (entity id = the agent's SPIFFE ID).</summary>
    public EntityRegistry<LineageState, LineageCommand, LineageEvent> Lineages { get; }

    /// <summary>Session-claims nonces seen (replay protection).</summary>
    public NonceLedger Nonces { get; } = new();

    /// <summary>This node's Trust Record sequence and chain.</summary>
    public TrustRecordLedger TrustRecords { get; } = new();

    public IReadOnlyList<IEntityRegistry> Registries => [Domains, Agents, Sessions, Contracts, Peers, Lineages];

    /// <summary>Signs journal checkpoints (stream heads) with the node key into <c>audit|checkpoints</c>.</summary>
    public JournalCheckpointer Checkpointer { get; }

    public static async Task<NodeRuntime> StartAsync(NodeSettings settings, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        Directory.CreateDirectory(settings.Node.DataDir);
        var nodeKey = LoadOrCreateNodeKey(Path.Combine(settings.Node.DataDir, "node.key"), time);
        var uri = new Uri(settings.Node.Urls);
        var nodeId = $"{uri.Host}:{uri.Port}:{time.GetUtcNow().ToUnixTimeMilliseconds()}";

        settings.Sqlite.DataSource = Path.Combine(settings.Node.DataDir, "journal.db");
        var journal = await SqliteJournal.OpenAsync(settings.Sqlite, cancellationToken);
        var leases = await EmbeddedShardLeases.StartAsync(journal, nodeId, cancellationToken);
        var writer = new JournalWriter(journal, settings.Writer, loggers.CreateLogger<JournalWriter>());
        var registryLogger = loggers.CreateLogger("ActorTrust.Entities");
        var domains = new EntityRegistry<DomainState, DomainCommand, DomainEvent>(EntityKinds.Domain, journal, writer, leases, time, settings.Entities, registryLogger);
        var agents = new EntityRegistry<AgentState, AgentCommand, AgentEvent>(EntityKinds.Agent, journal, writer, leases, time, settings.Entities, registryLogger);
        var auditLease = await leases.AcquireAsync("audit", 0, cancellationToken);
        var checkpointer = new JournalCheckpointer(journal, new Ed25519EnvelopeSigner(nodeKey.KeyPair), new WriterIdentity(nodeId, auditLease.FencingToken),
            time, settings.Audit, loggers.CreateLogger<JournalCheckpointer>());
        var sessions = new EntityRegistry<SessionState, SessionCommand, SessionEvent>(EntityKinds.Session, journal, writer, leases, time, settings.Entities, registryLogger);
        var contracts = new EntityRegistry<ContractState, ContractCommand, ContractEvent>(EntityKinds.Contract, journal, writer, leases, time, settings.Entities, registryLogger);
        var peers = new EntityRegistry<PeerState, PeerCommand, PeerEvent>(EntityKinds.Peer, journal, writer, leases, time, settings.Entities, registryLogger);
        var lineages = new EntityRegistry<LineageState, LineageCommand, LineageEvent>(EntityKinds.Lineage, journal, writer, leases, time, settings.Entities, registryLogger);
        var runtime = new NodeRuntime(nodeId, journal, writer, leases, nodeKey, domains, agents, checkpointer, sessions, contracts, peers, lineages);
        await SessionLedgers.RebuildAsync(journal, EntityKinds.Session.Events, nodeKey.KeyId, runtime.Nonces, runtime.TrustRecords, time.GetUtcNow(), cancellationToken);
        return runtime;
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
        foreach (var registry in Registries)
        {
            await registry.StopAsync();
        }

        await Writer.DisposeAsync();

        // A last checkpoint after the final writes, so a tail cut off while the node is down is detectable.
        await Checkpointer.CheckpointAsync(CancellationToken.None);
        Checkpointer.Dispose();
        TrustRecords.Dispose();
        await Journal.DisposeAsync();
        NodeKey.Dispose();
    }
}

/// <summary>The entity kinds this node hosts.</summary>
public static class EntityKinds
{
    public static EntityKind<DomainState, DomainCommand, DomainEvent> Domain { get; } = new()
    {
        Name = "domain",
        Decider = DomainDecider.Instance,
        Events = EventCatalog<DomainEvent>.FromAssembly(),
    };

    public static EntityKind<AgentState, AgentCommand, AgentEvent> Agent { get; } = new()
    {
        Name = "agent",
        Decider = AgentDecider.Instance,
        Events = EventCatalog<AgentEvent>.FromAssembly(),
    };

    public static EntityKind<SessionState, SessionCommand, SessionEvent> Session { get; } = new()
    {
        Name = "session",
        Decider = SessionDecider.Instance,
        Events = EventCatalog<SessionEvent>.FromAssembly(),
        RecordedRejection = SessionDecider.RecordedRejection,
    };

    public static EntityKind<ContractState, ContractCommand, ContractEvent> Contract { get; } = new()
    {
        Name = "contract",
        Decider = ContractDecider.Instance,
        Events = EventCatalog<ContractEvent>.FromAssembly(),
    };

    public static EntityKind<PeerState, PeerCommand, PeerEvent> Peer { get; } = new()
    {
        Name = "peer",
        Decider = PeerDecider.Instance,
        Events = EventCatalog<PeerEvent>.FromAssembly(),
        RecordedRejection = PeerDecider.RecordedRejection,
    };

    public static EntityKind<LineageState, LineageCommand, LineageEvent> Lineage { get; } = new()
    {
        Name = "lineage",
        Decider = LineageDecider.Instance,
        Events = EventCatalog<LineageEvent>.FromAssembly(),
        RecordedRejection = LineageDecider.RecordedRejection,
    };
}
