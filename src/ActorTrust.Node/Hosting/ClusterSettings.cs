using ActorTrust.Hocon;
using ActorTrust.Persistence.PostgreSql;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Cluster.Transport;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Node.Hosting;

/// <summary>Which journal the node writes to (<c>actortrust.journal.backend</c>).</summary>
public enum JournalBackend
{
    /// <summary>The embedded default: one SQLite file under the data directory, one node.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL database: required for a cluster.</summary>
    PostgreSql,
}

/// <summary>
/// Clustered mode (<c>actortrust.cluster</c>): the node-to-node listener, how this node is named to the others,
/// and the lease, membership, rebalance and routing settings of the cluster runtime.
/// </summary>
public sealed class ClusterSettings
{
    /// <summary>Whether the node joins a cluster (needs the PostgreSQL journal).</summary>
    public bool Enabled { get; init; }

    /// <summary>
    /// The node-to-node listener (HTTP/2): <c>/rt/v1/deliver</c>, <c>/rt/v1/probe</c> and <c>/rt/v1/probe-via</c>; <c>https://</c> (mutual TLS)
    /// on a secure node, <c>http://</c> (h2c, loopback only) in insecure mode.
    /// </summary>
    public Uri Listen { get; init; } = new("http://127.0.0.1:6080");

    /// <summary>The host other nodes reach this one at (default: the listener's host).</summary>
    public string AdvertiseHost { get; init; } = string.Empty;

    /// <summary>The cluster runtime's settings (leases, membership, rebalance).</summary>
    public ClusterOptions Runtime { get; init; } = new();

    /// <summary>Routing settings (deadlines, buffers, transport limits).</summary>
    public RouterOptions Routing { get; init; } = new();

    /// <summary>
    /// How long one node-to-node connection is reused (<c>actortrust.cluster.transport.connection-lifetime</c>): a peer's
    /// rotated server certificate is seen on a busy connection within this time. This node's own rotated certificate is
    /// presented on new requests within about a second (the client is renewed).
    /// </summary>
    public TimeSpan ConnectionLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The journal backend.</summary>
    public JournalBackend Backend { get; init; } = JournalBackend.Sqlite;

    /// <summary>The PostgreSQL journal and cluster store.</summary>
    public PostgreSqlJournalOptions PostgreSql { get; init; } = new();

    /// <summary>The advertised host, falling back to the listener's.</summary>
    public string Host => string.IsNullOrWhiteSpace(AdvertiseHost) ? Listen.Host : AdvertiseHost;

    /// <summary>Reads <c>actortrust.cluster</c> and <c>actortrust.journal.backend|postgresql</c>.</summary>
    public static ClusterSettings Bind(IConfigurationSection root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var cluster = root.GetSection("cluster");
        var backendText = root.GetValue<string>("journal:backend") ?? "sqlite";
        var backend = backendText.ToUpperInvariant() switch
        {
            "SQLITE" => JournalBackend.Sqlite,
            "POSTGRESQL" => JournalBackend.PostgreSql,
            _ => throw new ArgumentException($"actortrust.journal.backend must be 'sqlite' or 'postgresql', got '{backendText}'"),
        };
        var listenText = cluster.GetValue<string>("listen") ?? "http://127.0.0.1:6080";
        if (!Uri.TryCreate(listenText, UriKind.Absolute, out var listen) || listen.Scheme is not ("http" or "https") || listen.Port <= 0)
        {
            throw new ArgumentException($"actortrust.cluster.listen '{listenText}' must be an https:// (or, in insecure mode, http://) URL with a port");
        }

        var advertise = cluster.GetValue<string>("advertise-host") ?? string.Empty;
        var host = string.IsNullOrWhiteSpace(advertise) ? listen.Host : advertise;
        var pg = root.GetSection("journal:postgresql");
        var defaults = new ClusterOptions();
        var routing = new RouterOptions();
        return new ClusterSettings
        {
            Enabled = cluster.GetValue("enabled", false),
            ConnectionLifetime = cluster.GetValue("transport:connection-lifetime", TimeSpan.FromMinutes(10)),
            Listen = listen,
            AdvertiseHost = advertise,
            Backend = backend,
            PostgreSql = new PostgreSqlJournalOptions
            {
                ConnectionString = pg.GetValue<string>("connection-string") ?? string.Empty,
                ClusterId = pg.GetValue("cluster-id", "default")!,
                ReplayPageSize = pg.GetValue("replay-page-size", 1000),
                CommandTimeout = pg.GetValue("command-timeout", TimeSpan.FromSeconds(30)),
                AppendConnections = pg.GetValue("append-connections", PostgreSqlJournalOptions.DefaultAppendConnections),
            },
            Runtime = new ClusterOptions
            {
                LeaseTtl = cluster.GetValue("leases:ttl", defaults.LeaseTtl),
                LeaseRenewInterval = cluster.GetValue("leases:renew-interval", defaults.LeaseRenewInterval),
                LeaseSafetyMargin = cluster.GetValue("leases:safety-margin", defaults.LeaseSafetyMargin),
                DesiredOwnerGrace = cluster.GetValue("leases:desired-owner-grace", defaults.DesiredOwnerGrace),
                HandoffTimeout = cluster.GetValue("handoff-timeout", defaults.HandoffTimeout),
                RebalanceInterval = cluster.GetValue("rebalance:interval", defaults.RebalanceInterval),
                RebalanceRelativeLimit = cluster.GetValue("rebalance:relative-limit", defaults.RebalanceRelativeLimit),
                RebalanceAbsoluteLimit = cluster.GetValue("rebalance:absolute-limit", defaults.RebalanceAbsoluteLimit),
                ProbeInterval = cluster.GetValue("membership:probe-interval", defaults.ProbeInterval),
                ProbeTimeout = cluster.GetValue("membership:probe-timeout", defaults.ProbeTimeout),
                ProbedSuccessors = cluster.GetValue("membership:probed-successors", defaults.ProbedSuccessors),
                IndirectProbes = cluster.GetValue("membership:indirect-probes", defaults.IndirectProbes),
                MissedProbesLimit = cluster.GetValue("membership:missed-probes-limit", defaults.MissedProbesLimit),
                VotesForDeath = cluster.GetValue("membership:votes-for-death", defaults.VotesForDeath),
                DeathVoteExpiration = cluster.GetValue("membership:death-vote-expiration", defaults.DeathVoteExpiration),
                IAmAliveInterval = cluster.GetValue("membership:i-am-alive-interval", defaults.IAmAliveInterval),
                MaxTimerLag = cluster.GetValue("membership:max-timer-lag", defaults.MaxTimerLag),
                MaxThreadPoolLag = cluster.GetValue("membership:max-thread-pool-lag", defaults.MaxThreadPoolLag),
                AppVersion = cluster.GetValue("app-version", defaults.AppVersion)!,
                // Other nodes reach this one with the listener's scheme: https (mutual TLS) or h2c in insecure mode.
                Address = $"{listen.Scheme}://{host}:{listen.Port}",
            },
            Routing = new RouterOptions
            {
                DefaultDeadline = cluster.GetValue("routing:deadline", routing.DefaultDeadline),
                AttemptTimeout = cluster.GetValue("routing:attempt-timeout", routing.AttemptTimeout),
                ShardBufferCapacity = cluster.GetValue("routing:shard-buffer", routing.ShardBufferCapacity),
                NodeBufferCapacity = cluster.GetValue("routing:node-buffer", routing.NodeBufferCapacity),
                Limits = BindTransport(cluster.GetSection("transport"), routing.Limits),
            },
        };
    }

    // actortrust.cluster.transport: the wire bounds both ends apply (the receiver on /rt/v1/deliver, the sender before a
    // batch leaves and on the reply). Every node of a cluster should use the same values: a batch built under larger
    // limits is refused whole by a node with smaller ones.
    private static TransportLimits BindTransport(IConfigurationSection transport, TransportLimits defaults) => new()
    {
        MaxBatchEnvelopes = transport.GetValue("max-batch-envelopes", defaults.MaxBatchEnvelopes),
        MaxPayloadBytes = TransportSize(transport, "max-payload-bytes", defaults.MaxPayloadBytes),
        MaxBodyBytes = TransportSize(transport, "max-body-bytes", defaults.MaxBodyBytes),
        MaxDepth = transport.GetValue("max-depth", defaults.MaxDepth),
    };

    private static int TransportSize(IConfigurationSection transport, string key, int fallback)
    {
        var text = transport[key];
        if (text is null)
        {
            return fallback;
        }

        return HoconValues.TryParseSize(text, out var bytes) && bytes is > 0 and <= int.MaxValue
            ? (int)bytes
            : throw new ArgumentException($"actortrust.cluster.transport.{key} must be a size (e.g. 256 KiB), got '{text}'");
    }

    /// <summary>Throws with the setting's name when clustered mode is misconfigured.</summary>
    public void Validate()
    {
        if (Enabled && Backend != JournalBackend.PostgreSql)
        {
            throw new ArgumentException("actortrust.cluster.enabled = true needs actortrust.journal.backend = postgresql (every node must share one journal)");
        }

        if (Backend == JournalBackend.PostgreSql && !Enabled)
        {
            throw new ArgumentException("actortrust.journal.backend = postgresql is the cluster journal: set actortrust.cluster.enabled = true (a one-node cluster is fine)");
        }

        if (Backend == JournalBackend.PostgreSql)
        {
            PostgreSql.Validate();
        }

        if (ConnectionLifetime <= TimeSpan.Zero || ConnectionLifetime > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"actortrust.cluster.transport.connection-lifetime must be between 1 ms and 1 day, got {ConnectionLifetime}");
        }

        if (Enabled)
        {
            Runtime.Validate();
            Routing.Validate();
        }
        else
        {
            Routing.Limits.Validate(); // checked even while clustering is off, so a bad value never waits for the day it is turned on
        }
    }
}
