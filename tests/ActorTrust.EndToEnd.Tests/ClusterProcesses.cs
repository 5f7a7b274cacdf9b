using System.Globalization;
using System.Text.Json;
using ActorTrust.Client;
using ActorTrust.Runtime.Cluster.Security;
using ActorTrust.TestKit.Network;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.EndToEnd.Tests;

/// <summary>One real PostgreSQL server for the clustered process specs; each spec creates its own database.</summary>
public sealed class ClusterPostgresFixture : PostgresServerFixture
{
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync($"e2e_{NextDatabaseNumber()}", CancellationToken.None);
}

[CollectionDefinition(Name)]
public sealed class ClusterPostgresCollection : ICollectionFixture<ClusterPostgresFixture>
{
    public const string Name = "cluster-processes";
}

/// <summary>
/// The cluster's certificate authority made with the real CLI (<c>actortrust cert create-ca|create-node|create-client</c>):
/// a node certificate per member naming its cluster endpoint, and an admin client certificate for the test's client.
/// </summary>
internal sealed class ClusterPki
{
    private ClusterPki(string dir) => Dir = dir;

    public string Dir { get; }

    public string CaFile => Path.Combine(Dir, "ca", "cert.pem");

    public static async Task<ClusterPki> CreateAsync(string root)
    {
        var pki = new ClusterPki(Path.Combine(root, "pki"));
        await RunAsync("cert", "create-ca", "--out", Path.Combine(pki.Dir, "ca"), "--name", "e2e cluster CA", "--days", "2");
        await RunAsync("cert", "create-client", "--ca", Path.Combine(pki.Dir, "ca"), "--out", Path.Combine(pki.Dir, "client"), "--principal", "e2e-operator", "--role", "admin", "--days", "2");
        return pki;
    }

    /// <summary>Issues the node certificate for <c>127.0.0.1:<paramref name="clusterPort"/></c> into <c>Dir/name</c>; returns the directory.</summary>
    public async Task<string> NodeAsync(string name, int clusterPort)
    {
        var dir = Path.Combine(Dir, name);
        await RunAsync("cert", "create-node", "--ca", Path.Combine(Dir, "ca"), "--out", dir,
            "--node-id", $"127.0.0.1:{clusterPort.ToString(CultureInfo.InvariantCulture)}", "--ip", "127.0.0.1", "--days", "2");
        return dir;
    }

    /// <summary>An HTTP client presenting the admin client certificate and trusting only the cluster CA.</summary>
    public HttpClient Client(Uri address) => new ActorTrustCredentials
    {
        ClientCertificate = ClusterCertificates.LoadPair(Path.Combine(Dir, "client", "cert.pem"), Path.Combine(Dir, "client", "key.pem")),
        TrustedCas = ClusterCertificates.LoadBundle(CaFile),
    }.CreateHttpClient(address, TimeSpan.FromSeconds(30));

    private static async Task RunAsync(params string[] args)
    {
        var result = await ActorTrustProcess.RunAsync(Path.GetTempPath(), args);
        result.Exit.ShouldBe(0, result.Describe());
    }
}

/// <summary>
/// A clustered node as a real <c>actortrust node --config cluster.conf</c> process in secure mode: its HOCON file
/// (PostgreSQL journal, its own https cluster listener, its node certificate, short lease timings), its data directory
/// (node key) and a client with an admin client certificate. Node-to-node traffic is mutual TLS 1.3.
/// </summary>
internal sealed class ClusterMember : IAsyncDisposable
{
    private ClusterMember(string name, string dataDir, NodeProcess process, HttpClient http)
    {
        Name = name;
        DataDir = dataDir;
        Process = process;
        Client = new ActorTrustClient(http);
    }

    public string Name { get; }

    public string DataDir { get; }

    public NodeProcess Process { get; }

    public ActorTrustClient Client { get; }

    /// <summary>The node id (<c>host:port:incarnation</c>) this process announced, once known from its status.</summary>
    public string? NodeId { get; set; }

    public static async Task<ClusterMember> StartAsync(string root, string name, string connectionString, ClusterPki pki)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        var api = new Uri($"https://127.0.0.1:{LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture)}/");
        var clusterPort = LoopbackPorts.Free();
        var tls = await pki.NodeAsync(name, clusterPort);
        var config = Path.Combine(dir, "cluster.conf");
        await File.WriteAllTextAsync(config, Config(connectionString, clusterPort, pki.CaFile, tls));
        var process = await NodeProcess.StartWithConfigAsync(dir, Path.Combine(dir, "data"), config, api, insecure: false);
        return new ClusterMember(name, Path.Combine(dir, "data"), process, pki.Client(api));
    }

    /// <summary>Short timings, so a killed node's shards move within seconds: lease ttl 4 s, renewals every second.</summary>
    public static string Config(string connectionString, int clusterPort, string caFile, string tlsDir) => $$"""
        actortrust {
          journal {
            backend = postgresql
            postgresql.connection-string = {{JsonSerializer.Serialize(connectionString)}}
          }
          security.tls {
            ca-file = {{JsonSerializer.Serialize(caFile)}}
            cert-file = {{JsonSerializer.Serialize(Path.Combine(tlsDir, "cert.pem"))}}
            key-file = {{JsonSerializer.Serialize(Path.Combine(tlsDir, "key.pem"))}}
          }
          cluster {
            enabled = true
            listen = "https://127.0.0.1:{{clusterPort.ToString(CultureInfo.InvariantCulture)}}"
            handoff-timeout = 10s
            leases {
              ttl = 4s
              renew-interval = 1s
              safety-margin = 1s
              desired-owner-grace = 1s
            }
            rebalance {
              interval = 1s
              relative-limit = 0.5
            }
            membership {
              probe-interval = 1s
              probe-timeout = 2s
              missed-probes-limit = 5
            }
            routing {
              deadline = 15s
            }
          }
        }
        """;

    public async Task<JsonElement?> TryStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Client.GetClusterStatusAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or ActorTrustApiException or JsonException
                                   || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync() => await Process.DisposeAsync();
}

/// <summary>Reading <c>/v1/cluster/status</c>.</summary>
internal static class ClusterStatus
{
    public static int ActiveMembers(JsonElement status) =>
        status.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "active");

    public static string? MemberStatus(JsonElement status, string node) =>
        status.GetProperty("members").EnumerateArray().FirstOrDefault(m => m.GetProperty("node").GetString() == node) is { ValueKind: JsonValueKind.Object } m
            ? m.GetProperty("status").GetString()
            : null;

    public static IEnumerable<JsonElement> EntityShards(JsonElement status) =>
        status.GetProperty("shards").EnumerateArray().Where(s => s.GetProperty("kind").GetString() != "__coordinator__");

    public static bool AllShardsOwned(JsonElement status) =>
        EntityShards(status).All(s => s.GetProperty("owner").ValueKind == JsonValueKind.String);

    public static string? Owner(JsonElement status, string kind, int shard) =>
        EntityShards(status).FirstOrDefault(s => s.GetProperty("kind").GetString() == kind && s.GetProperty("shard").GetInt32() == shard) is { ValueKind: JsonValueKind.Object } s
            && s.GetProperty("owner").ValueKind == JsonValueKind.String
            ? s.GetProperty("owner").GetString()
            : null;

    public static IReadOnlyList<int> ShardsOf(JsonElement status, string kind, string node) =>
        [.. EntityShards(status)
            .Where(s => s.GetProperty("kind").GetString() == kind && s.GetProperty("owner").ValueKind == JsonValueKind.String && s.GetProperty("owner").GetString() == node)
            .Select(s => s.GetProperty("shard").GetInt32())];

    public static int AllShardsOf(JsonElement status, string node) =>
        EntityShards(status).Count(s => s.GetProperty("owner").ValueKind == JsonValueKind.String && s.GetProperty("owner").GetString() == node);

    /// <summary>Polls <paramref name="member"/>'s status until <paramref name="condition"/> holds, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<JsonElement> AwaitAsync(ClusterMember member, Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        JsonElement? last = null;
        try
        {
            while (true)
            {
                last = await member.TryStatusAsync(deadline.Token) ?? last;
                if (last is { } status && condition(status))
                {
                    return status;
                }

                await Task.Delay(100, deadline.Token); // polling pace inside a deadline loop
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{what} did not happen within {timeout}; last status from {member.Name}: {last}\n{member.Name} log:\n{member.Process.Log}");
        }
    }
}
