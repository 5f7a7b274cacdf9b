using System.Text.Json;
using ActorTrust.Node.Tests.Security;
using ActorTrust.TestKit.Trust;

namespace ActorTrust.Node.Tests.Cluster;

/// <summary>Clustered nodes in secure mode: mutual TLS on the node-to-node listener, the node certificate bound to the advertised endpoint.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SecureClusterTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_nodes_with_mutual_tls_route_commands_to_each_other()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow);
        var db = await cluster.CreateDatabaseAsync();
        await using var a = await SecureClusterNode.StartAsync(pki, db, "a");
        await ClusterFixture.AwaitStatusAsync(a.Http, AllShardsOwned, Settle, "first node owns every shard");
        await using var b = await SecureClusterNode.StartAsync(pki, db, "b");
        var status = await ClusterFixture.AwaitStatusAsync(a.Http,
            s => ActiveMembers(s) == 2 && ShardsOf(s, a.Runtime.NodeId) > 0 && ShardsOf(s, b.Runtime.NodeId) > 0 && AllShardsOwned(s), Settle, "both nodes own shards");

        SecureClusterNode[] nodes = [a, b];
        for (var i = 0; i < 12; i++)
        {
            using var trust = new TrustScenario($"m{i}.example.org", seed: (byte)(i + 1));
            var outcome = await nodes[i % 2].Client.CreateDomainAsync(trust.CreateDomainEnvelope(), $"create-{i}");
            outcome.Accepted.ShouldBeTrue(outcome.Detail);
            outcome.Events.ShouldBe(["domain.created.v1"]);
        }

        foreach (var node in nodes)
        {
            for (var i = 0; i < 12; i++)
            {
                (await node.Client.GetDomainAsync($"m{i}.example.org")).ShouldNotBeNull().GetProperty("current_version").GetInt64().ShouldBe(1);
            }
        }

        status.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("address").GetString())
            .ShouldBe([a.ClusterAddress, b.ClusterAddress], ignoreOrder: true);
        (await a.Client.GetMetricsTextAsync()).ShouldNotContain("surface=\"cluster\""); // no node-to-node call was refused
    }

    internal static int ActiveMembers(JsonElement status) =>
        status.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "active");

    internal static int ShardsOf(JsonElement status, string node) =>
        status.GetProperty("shards").EnumerateArray().Count(s => s.GetProperty("owner").GetString() == node);

    internal static bool AllShardsOwned(JsonElement status) =>
        status.GetProperty("shards").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() != "__coordinator__")
            .All(s => s.GetProperty("owner").ValueKind == JsonValueKind.String);
}
