using System.Text.Json;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Lineages;
using ActorTrust.TestKit.Time;
using ActorTrust.TestKit.Trust;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Node.Tests.Cluster;

/// <summary>On a cluster each node's lineage deadline index holds, and its check touches, only the lineages of the shards it serves.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterLineageDeadlineTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_node_indexes_and_checks_only_the_lineages_of_the_shards_it_serves()
    {
        var db = await cluster.CreateDatabaseAsync();
        var settings = ClusterFixture.NodeSettings(db);
        settings["actortrust:lineage:deadline-check-interval"] = "0s"; // checks are driven by hand below
        await using var a = await NodeFixture.StartAsync(overrides: settings);
        await ClusterFixture.AwaitStatusAsync(a, AllShardsOwned, Settle, "first node owns every shard");
        using var trust = new TrustScenario("lineage.example", seed: 5, executors: 2);
        (await a.Client.CreateDomainAsync(trust.CreateDomainEnvelope())).Accepted.ShouldBeTrue();
        var agents = Enumerable.Range(0, 16).Select(i => trust.AgentId($"worker-{i}")).ToList();
        foreach (var agent in agents)
        {
            (await a.Client.GrantAuthorityAsync(agent, trust.Executor(0).PublicKey.KeyId)).Accepted.ShouldBeTrue();
        }

        // The second node takes half the shards: it reads their lineages from the journal, the first node drops them.
        var settingsB = ClusterFixture.NodeSettings(db);
        settingsB["actortrust:lineage:deadline-check-interval"] = "0s";
        await using var b = await NodeFixture.StartAsync(overrides: settingsB);
        var bId = b.Runtime.NodeId;
        await ClusterFixture.AwaitStatusAsync(a, s => Owned(s, bId) > 0 && AllShardsOwned(s) && Balanced(a, b), Settle, "lineage shards balanced");
        var indexedByA = agents.Where(id => a.Runtime.LineageDeadlines.DeadlineOf(id) is not null).ToList(); // the shards it handed off are dropped
        var pastEveryGrace = new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(1)); // the checks see every lease due
        var sentByA = await Service(a, pastEveryGrace).CheckAllAsync(CancellationToken.None);
        var sentByB = await Service(b, pastEveryGrace).CheckAllAsync(CancellationToken.None);

        var servedByA = agents.Where(id => Serves(a, id)).ToList();
        var servedByB = agents.Where(id => Serves(b, id)).ToList();
        servedByA.Count.ShouldBeGreaterThan(0);
        servedByB.Count.ShouldBeGreaterThan(0);
        (servedByA.Count + servedByB.Count).ShouldBe(agents.Count);
        sentByA.ShouldBe(servedByA.Count);
        sentByB.ShouldBe(servedByB.Count);
        indexedByA.ShouldBe(servedByA);
        agents.Where(id => b.Runtime.LineageDeadlines.DeadlineOf(id) is not null).ShouldBe(servedByB); // read from the journal on acquisition
    }

    private static bool Serves(NodeFixture node, string agentId) =>
        node.Runtime.ServesLocally(EntityKinds.Lineage.Name, EntityKinds.Lineage.NumShards, agentId);

    private static LineageDeadlineService Service(NodeFixture node, TimeProvider clock) =>
        new(node.Runtime, node.Settings, clock, NullLogger<LineageDeadlineService>.Instance);

    // Each node serves half the lineage shards (none in hand-over): the rebalancer moves no more of them.
    private static bool Balanced(NodeFixture a, NodeFixture b) =>
        new[] { a, b }.All(n => Enumerable.Range(0, EntityKinds.Lineage.NumShards)
            .Count(shard => n.Runtime.Cluster!.Node.LocalShards.TryGetServing(EntityKinds.Lineage.Name, shard, out _)) == EntityKinds.Lineage.NumShards / 2);

    private static int Owned(JsonElement status, string node) =>
        status.GetProperty("shards").EnumerateArray().Count(s => s.GetProperty("owner").GetString() == node);

    private static bool AllShardsOwned(JsonElement status) =>
        status.GetProperty("shards").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() != "__coordinator__")
            .All(s => s.GetProperty("owner").ValueKind == JsonValueKind.String);
}
