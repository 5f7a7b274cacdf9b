using ActorTrust.Runtime.Entities;
using ActorTrust.TestKit.MultiNode;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.MultiNode.Tests;

/// <summary>Spec 1: every command runs on exactly one node, the owner of its entity's shard (I1, I4); over mutual TLS and in memory.</summary>
public sealed class RoutingSpecs(MultiNodeFixture fixture) : MultiNodeSpec(fixture)
{
    [PostgresTheory]
    [InlineData(TestClusterTransport.Kestrel)]
    [InlineData(TestClusterTransport.InMemory)]
    public async Task On_one_node_every_command_runs_there_and_lands_once(TestClusterTransport transport)
    {
        var cluster = await StartClusterAsync(new TestClusterOptions { Nodes = 1, Transport = transport });
        var node = cluster[0];
        var entities = Enumerable.Range(0, 100).Select(i => $"solo-{i}").ToList();

        var results = await Task.WhenAll(entities.SelectMany(e => new[] { node.DepositAsync(e, 2), node.DepositAsync(e, 3) }));

        results.ShouldAllBe(r => r.Status == CommandStatus.Accepted);
        foreach (var e in entities.Take(10))
        {
            (await cluster.CommittedAsync(e)).ShouldBe(new LedgerState(5, 2));
        }

        cluster.Recorder.All.Count.ShouldBe(200);
        cluster.Recorder.All.ShouldAllBe(a => a.Node == node.Name);
        (await cluster.AuditAsync()).Events.ShouldBe(200);
    }

    [PostgresTheory]
    [InlineData(TestClusterTransport.Kestrel)]
    [InlineData(TestClusterTransport.InMemory)]
    public async Task On_three_nodes_a_command_sent_to_any_node_runs_only_on_its_shard_owner(TestClusterTransport transport)
    {
        var cluster = await StartClusterAsync(new TestClusterOptions { Transport = transport });
        cluster.Nodes.ShouldAllBe(n => n.ServedShards.Count == 4); // 12 shards spread over 3 nodes
        var entities = Enumerable.Range(0, 300).Select(i => $"acct-{i}").ToList();
        var owners = Enumerable.Range(0, cluster.Options.NumShards).ToDictionary(s => s, s => cluster.ServerOf(s)!.Name);

        var results = await Task.WhenAll(entities.Select((e, i) => cluster[i % 3].DepositAsync(e, i + 1)));

        results.ShouldAllBe(r => r.Status == CommandStatus.Accepted);
        var activations = cluster.Recorder.All;
        activations.Count.ShouldBe(entities.Count);
        activations.ShouldAllBe(a => a.Node == owners[cluster.ShardOf(a.EntityId)]);
        (await cluster.CommittedAsync("acct-41")).ShouldBe(new LedgerState(42, 1));
        (await cluster.AuditAsync()).Events.ShouldBe(entities.Count);
    }
}
