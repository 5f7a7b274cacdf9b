using System.Globalization;
using System.Text.Json;
using ActorTrust.TestKit.Network;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.Node.Tests.Cluster;

/// <summary>
/// One real PostgreSQL server for the clustered-node tests; each test gets its own database, so its nodes form a
/// cluster of their own. Lease and probe timings are short so shards move within seconds, never by sleeping: tests
/// await conditions on <c>/v1/cluster/status</c> with a deadline.
/// </summary>
public sealed class ClusterFixture : PostgresServerFixture
{
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync($"cluster_{NextDatabaseNumber()}", CancellationToken.None);

    /// <summary>Settings for one clustered node on <paramref name="connectionString"/>'s database.</summary>
    public static Dictionary<string, string?> NodeSettings(string connectionString) => new()
    {
        ["actortrust:journal:backend"] = "postgresql",
        ["actortrust:journal:postgresql:connection-string"] = connectionString,
        ["actortrust:cluster:enabled"] = "true",
        ["actortrust:cluster:listen"] = $"http://127.0.0.1:{LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture)}",
        ["actortrust:cluster:leases:ttl"] = "6s",
        ["actortrust:cluster:leases:renew-interval"] = "1s",
        ["actortrust:cluster:leases:safety-margin"] = "2s",
        ["actortrust:cluster:leases:desired-owner-grace"] = "1s",
        ["actortrust:cluster:rebalance:interval"] = "1s",
        ["actortrust:cluster:membership:probe-interval"] = "1s",
        // Generous under a loaded CI machine: a node is voted dead only after 5 missed 2-second probes.
        ["actortrust:cluster:membership:probe-timeout"] = "2s",
        ["actortrust:cluster:membership:missed-probes-limit"] = "5",
        ["actortrust:cluster:handoff-timeout"] = "10s",
        ["actortrust:cluster:routing:deadline"] = "20s",
    };

    /// <summary>Polls <paramref name="node"/>'s cluster status until <paramref name="condition"/> holds, or fails after <paramref name="timeout"/>.</summary>
    public static Task<JsonElement> AwaitStatusAsync(NodeFixture node, Func<JsonElement, bool> condition, TimeSpan timeout, string what) =>
        AwaitStatusAsync(node.Http, condition, timeout, what);

    /// <summary>Polls the cluster status through <paramref name="http"/> (a client of one node's API) until <paramref name="condition"/> holds.</summary>
    public static async Task<JsonElement> AwaitStatusAsync(HttpClient http, Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        JsonElement last = default;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("v1/cluster/status", UriKind.Relative), deadline.Token);
                last = JsonDocument.Parse(await response.Content.ReadAsStringAsync(deadline.Token)).RootElement.Clone();
                if (condition(last))
                {
                    return last;
                }

                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}; last status: {last}");
            }
        }
    }

}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
