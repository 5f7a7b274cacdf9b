using ActorTrust.Node.Hosting;
using ActorTrust.Runtime.Audit;
using ActorTrust.TestKit.Trust;
using static ActorTrust.Node.Tests.Cluster.ClusterStatus;

namespace ActorTrust.Node.Tests.Cluster;

/// <summary>Clustered nodes (PostgreSQL journal and cluster store) behind the same client API as the embedded node.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusteredNodeTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_lone_clustered_node_joins_takes_every_shard_and_serves_commands()
    {
        var db = await cluster.CreateDatabaseAsync();
        await using var node = await NodeFixture.StartAsync(overrides: ClusterFixture.NodeSettings(db));

        var status = await ClusterFixture.AwaitStatusAsync(node, AllShardsOwned, Settle, "every shard owned");
        var created = await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope(), "create-1");

        status.GetProperty("mode").GetString().ShouldBe("cluster");
        status.GetProperty("members").EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("active");
        created.Accepted.ShouldBeTrue(created.Detail);
        (await node.Client.GetDomainAsync("example.org")).ShouldNotBeNull().GetProperty("current_version").GetInt64().ShouldBe(1);
        var metrics = await node.Http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        metrics.ShouldContain("actortrust_cluster_shards_held{kind=\"domain\"}");
        metrics.ShouldContain("actortrust_cluster_indirect_probe_saves 0");
    }

    [Fact]
    public async Task Commands_sent_to_any_of_three_nodes_run_once_on_the_shard_owner_and_read_the_same_everywhere()
    {
        var db = await cluster.CreateDatabaseAsync();
        await using var a = await NodeFixture.StartAsync(overrides: ClusterFixture.NodeSettings(db));
        await ClusterFixture.AwaitStatusAsync(a, AllShardsOwned, Settle, "first node owns every shard");
        await using var b = await NodeFixture.StartAsync(overrides: ClusterFixture.NodeSettings(db));
        await using var c = await NodeFixture.StartAsync(overrides: ClusterFixture.NodeSettings(db));
        NodeFixture[] nodes = [a, b, c];
        await ClusterFixture.AwaitStatusAsync(a, s => ActiveMembers(s) == 3 && AllShardsOwned(s), Settle, "three active members");

        for (var i = 0; i < 12; i++)
        {
            using var trust = new TrustScenario($"d{i}.example.org", seed: (byte)(i + 1));
            var outcome = await nodes[i % 3].Client.CreateDomainAsync(trust.CreateDomainEnvelope(), $"create-{i}");
            outcome.Accepted.ShouldBeTrue(outcome.Detail);
            outcome.Events.ShouldBe(["domain.created.v1"]);

            // A retry of the same command through another node is answered, not applied again.
            var retry = await nodes[(i + 1) % 3].Client.CreateDomainAsync(trust.CreateDomainEnvelope(), $"create-{i}");
            retry.Accepted.ShouldBeTrue(retry.Detail);
            retry.Events.ShouldBeEmpty();
        }

        foreach (var node in nodes)
        {
            for (var i = 0; i < 12; i++)
            {
                (await node.Client.GetDomainAsync($"d{i}.example.org")).ShouldNotBeNull().GetProperty("current_version").GetInt64().ShouldBe(1);
            }
        }

        var keys = nodes.Select(n => n.Runtime.NodeKey.PublicKey).ToList();
        var report = await AuditVerifier.VerifyAllAsync(a.Runtime.Journal, new AuditOptions { TrustedNodeKeys = keys }, null, CancellationToken.None);
        report.Violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_node_that_leaves_gracefully_hands_its_shards_to_the_others_and_commands_keep_succeeding()
    {
        var db = await cluster.CreateDatabaseAsync();
        await using var a = await NodeFixture.StartAsync(overrides: ClusterFixture.NodeSettings(db));
        await ClusterFixture.AwaitStatusAsync(a, AllShardsOwned, Settle, "first node owns every shard");
        var b = await NodeFixture.StartAsync(overrides: ClusterFixture.NodeSettings(db));
        var bId = b.Runtime.NodeId;
        await ClusterFixture.AwaitStatusAsync(a, s => ActiveMembers(s) == 2 && ShardsOf(s, bId) > 0 && AllShardsOwned(s), Settle, "the second node takes shards");

        await b.StopAsync();
        await b.DisposeAsync();

        var status = await ClusterFixture.AwaitStatusAsync(a, s => ShardsOf(s, bId) == 0 && AllShardsOwned(s), Settle, "every shard back on the first node");
        status.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("node").GetString() == bId).GetProperty("status").GetString().ShouldBe("dead");
        for (var i = 0; i < 8; i++)
        {
            using var trust = new TrustScenario($"after{i}.example.org", seed: (byte)(i + 1));
            var outcome = await a.Client.CreateDomainAsync(trust.CreateDomainEnvelope(), $"after-{i}");
            outcome.Accepted.ShouldBeTrue(outcome.Detail);
        }
    }

    [Fact]
    public void Clustered_mode_without_the_postgresql_journal_is_refused_at_start()
    {
        var error = Should.Throw<ArgumentException>(() => NodeSettings.Load(null, new Dictionary<string, string?> { ["actortrust:cluster:enabled"] = "true" }));

        error.Message.ShouldContain("actortrust.journal.backend = postgresql");
    }

    [Fact]
    public void The_postgresql_journal_without_clustered_mode_is_refused_at_start()
    {
        var error = Should.Throw<ArgumentException>(() => NodeSettings.Load(null, new Dictionary<string, string?>
        {
            ["actortrust:journal:backend"] = "postgresql",
            ["actortrust:journal:postgresql:connection-string"] = "Host=127.0.0.1",
        }));

        error.Message.ShouldContain("actortrust.cluster.enabled = true");
    }

    [Fact]
    public void A_cluster_listener_on_the_api_port_is_refused()
    {
        var settings = ClusterFixture.NodeSettings("Host=127.0.0.1");
        settings["actortrust:node:urls"] = "http://127.0.0.1:7311";
        settings["actortrust:cluster:listen"] = "http://127.0.0.1:7311";

        var error = Should.Throw<ArgumentException>(() => NodeSettings.Load(null, settings));

        error.Message.ShouldContain("another port");
    }
}
