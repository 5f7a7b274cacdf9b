using ActorTrust.TestKit.MultiNode;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.MultiNode.Tests;

/// <summary>Specs 3 and 5: shards move to a new node without ever being served twice; a coordinator killed mid-handoff stops nothing.</summary>
public sealed class RebalanceSpecs(MultiNodeFixture fixture) : MultiNodeSpec(fixture)
{
    [PostgresFact]
    public async Task A_new_node_receives_its_share_of_shards_and_no_shard_is_ever_served_twice()
    {
        var cluster = await StartClusterAsync(new TestClusterOptions { Nodes = 2 });
        var before = (await cluster.LeasesAsync()).ToDictionary(l => l.Shard);
        var entities = Enumerable.Range(0, cluster.Options.NumShards).Select(s => cluster.EntityIn(s)).ToList();
        await using var load = new Load([cluster[0], cluster[1]], entities);

        var joiner = await cluster.AddNodeAsync();
        var twice = new List<int>();
        await cluster.WaitUntilAsync(() =>
        {
            twice.AddRange(Enumerable.Range(0, cluster.Options.NumShards).Where(s => cluster.Nodes.Count(n => n.Serves(s)) > 1));
            return cluster.IsBalanced();
        }, "the shards spread over three nodes");
        await load.StopAsync();

        twice.ShouldBeEmpty();
        joiner.ServedShards.Count.ShouldBe(4);
        var after = await cluster.LeasesAsync();
        foreach (var lease in after)
        {
            if (lease.Owner == before[lease.Shard].Owner)
            {
                lease.Token.ShouldBe(before[lease.Shard].Token);
            }
            else
            {
                lease.Token.ShouldBeGreaterThan(before[lease.Shard].Token, $"shard {lease.Shard} changed owner, so its fencing token must grow (I1)");
            }
        }

        load.Failures.ShouldBeEmpty();
        await cluster.AuditAsync();
    }

    [PostgresFact]
    public async Task Killing_the_coordinator_in_the_middle_of_a_handoff_still_leaves_every_shard_owned()
    {
        var cluster = await StartClusterAsync(new TestClusterOptions { Nodes = 2 });
        var entities = Enumerable.Range(0, cluster.Options.NumShards).Select(s => cluster.EntityIn(s)).ToList();
        await cluster.WaitUntilAsync(() => cluster.Nodes.Any(n => n.Cluster.Rebalancer.IsCoordinator), "a node holds the coordinator lease");
        var coordinator = cluster.Nodes.Single(n => n.Cluster.Rebalancer.IsCoordinator);
        var before = (await cluster.LeasesAsync()).ToDictionary(l => l.Shard, l => l.Token);

        var joiner = await cluster.AddNodeAsync();
        await cluster.WaitUntilAsync(async () => (await cluster.LeasesAsync()).Any(l => l.DesiredOwner is not null), "the coordinator plans a handoff to the new node");
        await cluster.KillAsync(coordinator);

        await cluster.WaitUntilAsync(cluster.IsBalanced, "the two survivors serve every shard");
        var survivor = cluster.Nodes.First();
        foreach (var e in entities)
        {
            (await survivor.DepositAsync(e)).IsAccepted.ShouldBeTrue();
        }

        var after = await cluster.LeasesAsync();
        after.ShouldAllBe(l => l.Token >= before[l.Shard]);
        after.ShouldAllBe(l => l.Owner != coordinator.Name);
        joiner.ServedShards.ShouldNotBeEmpty();
        await cluster.AuditAsync();
    }
}
