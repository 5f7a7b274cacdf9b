using ActorTrust.Hocon;
using ActorTrust.Persistence.Sqlite;
using ActorTrust.Node.Federation;
using ActorTrust.Core.Lineage;
using ActorTrust.Node.Lineages;
using ActorTrust.Node.Security;
using ActorTrust.Node.Sessions;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Node.Hosting;

/// <summary>
/// Every setting a node reads, bound from HOCON: the embedded <c>reference.conf</c> first, then the operator's
/// file, then command-line overrides. Validated before anything starts, with messages naming the setting.
/// </summary>
public sealed class NodeSettings
{
    public NodeOptions Node { get; init; } = new();

    public SqliteJournalOptions Sqlite { get; init; } = new();

    public JournalWriterOptions Writer { get; init; } = new();

    public EntityRuntimeOptions Entities { get; init; } = new();

    public JournalCheckpointerOptions Audit { get; init; } = new();

    public SessionOptions Sessions { get; init; } = new();

    public FederationOptions Federation { get; init; } = new();

    /// <summary>TLS, client credentials, insecure mode and rate limits (<c>actortrust.security</c>).</summary>
    public SecurityOptions Security { get; init; } = new();
    /// <summary>The lineage clocks (<c>actortrust.lineage</c>) the node puts into lineage commands.</summary>
    public LineageSettings Lineage { get; init; } = LineageSettings.Default;

    /// <summary>How often lineages are checked for passed deadlines (<c>actortrust.lineage.deadline-check-interval</c>); zero turns it off.</summary>
    public TimeSpan LineageDeadlineCheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Clustered mode and the journal backend (<c>actortrust.cluster</c>, <c>actortrust.journal.backend</c>).</summary>
    public ClusterSettings Cluster { get; init; } = new();

    public IConfiguration Configuration { get; init; } = new ConfigurationBuilder().Build();

    /// <summary>Bounds on untrusted input (<c>actortrust.limits</c>).</summary>
    public InputLimits Limits { get; init; } = new();

    public static NodeSettings Load(string? configFile, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder().AddHoconString(ReferenceConf.Text);
        if (configFile is not null)
        {
            // limits: the operator file's own bound comes from reference.conf and command-line overrides only.
            CheckConfigFileSize(Path.GetFullPath(configFile), overrides);
            builder.AddHoconFile(Path.GetFullPath(configFile));
        }

        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        var configuration = builder.Build();
        var root = configuration.GetSection("actortrust");
        var settings = new NodeSettings
        {
            Node = root.GetSection("node").Get<NodeOptions>() ?? new NodeOptions(),
            Sqlite = Bind(root.GetSection("journal:sqlite")),
            Writer = new JournalWriterOptions
            {
                MaxBatchEvents = root.GetValue("journal:writer:max-batch-events", 500),
                QueueCapacity = root.GetValue("journal:writer:queue-capacity", 10_000),
                Loops = root.GetValue("journal:writer:loops", 1),
            },
            Entities = new EntityRuntimeOptions
            {
                MailboxCapacity = root.GetValue("entities:mailbox-capacity", 1000),
                PassivationIdleTimeout = root.GetValue("entities:passivation-idle-timeout", TimeSpan.FromMinutes(2)),
                PassivationCheckInterval = root.GetValue("entities:passivation-check-interval", TimeSpan.FromSeconds(30)),
                RememberedCommandIds = root.GetValue("entities:remembered-command-ids", 1000),
                SnapshotEvery = root.GetValue("entities:snapshot-every", 1000),
            },
            Audit = new JournalCheckpointerOptions
            {
                CheckpointInterval = root.GetValue("audit:checkpoint-interval", TimeSpan.FromMinutes(1)),
                FeedPageSize = root.GetValue("audit:feed-page-size", 1000),
            },
            Sessions = SessionOptions.Bind(root.GetSection("sessions")),
            Federation = FederationOptions.Bind(root.GetSection("federation")),
            Security = SecurityOptions.Bind(root.GetSection("security")),
            Lineage = LineageConfig.Bind(root.GetSection("lineage")),
            LineageDeadlineCheckInterval = LineageConfig.DeadlineCheckInterval(root.GetSection("lineage")),
            Cluster = ClusterSettings.Bind(root),
            Configuration = configuration,
            Limits = InputLimits.Bind(root.GetSection("limits")),
        };
        settings.Validate();
        return settings;
    }

    public void Validate()
    {
        Node.Validate();
        Writer.Validate();
        Entities.Validate();
        Audit.Validate();
        Federation.Validate();
        Cluster.Validate();
        if (Cluster.Enabled && new Uri(Node.Urls).Port == Cluster.Listen.Port)
        {
            throw new ArgumentException($"actortrust.cluster.listen ({Cluster.Listen}) must use another port than actortrust.node.urls ({Node.Urls})");
        }

        if (Cluster.Enabled && Security.Insecure
            && (Cluster.Listen.Scheme != "http" || !SecurityOptions.IsLoopback(Cluster.Listen.ToString()) || !SecurityOptions.IsLoopback($"http://{Cluster.Host}")))
        {
            throw new ArgumentException(
                $"insecure mode serves the node-to-node listener as plain HTTP/2 on loopback only: actortrust.cluster.listen ({Cluster.Listen}) must be http://<loopback>:<port> "
                + $"and the advertised host ('{Cluster.Host}') loopback. Configure actortrust.security.tls for mutual TLS between nodes");
        }

        if (Cluster.Enabled && !Security.Insecure && Cluster.Listen.Scheme != "https")
        {
            throw new ArgumentException(
                $"actortrust.cluster.listen ({Cluster.Listen}) must be https:// when TLS is configured: nodes talk to each other with mutual TLS (the node certificate both ways)");
        }

        Security.Validate();
        Limits.Validate();
    }

    private static void CheckConfigFileSize(string path, IReadOnlyDictionary<string, string?>? overrides)
    {
        var bounds = new ConfigurationBuilder().AddHoconString(ReferenceConf.Text).AddInMemoryCollection(overrides ?? new Dictionary<string, string?>()).Build();
        var limits = InputLimits.Bind(bounds.GetSection("actortrust:limits"));
        limits.Validate();
        if (File.Exists(path) && new FileInfo(path).Length > limits.HoconMaxFileBytes)
        {
            throw new ArgumentException(
                $"the configuration file {path} is {new FileInfo(path).Length} bytes, over actortrust.limits.hocon.max-file-bytes ({limits.HoconMaxFileBytes})");
        }
    }

    private static SqliteJournalOptions Bind(IConfigurationSection section)
    {
        var synchronous = section.GetValue<string>("synchronous") ?? "full";
        return new SqliteJournalOptions
        {
            DataSource = "unset",
            Synchronous = synchronous.ToUpperInvariant() switch
            {
                "FULL" => SqliteSynchronous.Full,
                "NORMAL" => SqliteSynchronous.Normal,
                _ => throw new ArgumentException($"actortrust.journal.sqlite.synchronous must be 'full' or 'normal', got '{synchronous}'"),
            },
            BusyTimeout = section.GetValue("busy-timeout", TimeSpan.FromSeconds(5)),
            WalAutoCheckpointPages = section.GetValue("wal-autocheckpoint-pages", 10_000),
        };
    }
}

/// <summary>The embedded <c>reference.conf</c>.</summary>
public static class ReferenceConf
{
    public static string Text { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(ReferenceConf).Assembly.GetManifestResourceStream("reference.conf")
            ?? throw new InvalidOperationException("reference.conf is not embedded in this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
