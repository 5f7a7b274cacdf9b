using ActorTrust.Runtime.Entities;
using ActorTrust.TestKit.MultiNode;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.MultiNode.Tests;

/// <summary>Spec 6, the key fencing test: a paused owner's kept batch is fenced once another node has taken over (I3).</summary>
public sealed class ZombieWriterSpecs(MultiNodeFixture fixture) : MultiNodeSpec(fixture)
{
    [PostgresFact]
    public async Task A_paused_owners_kept_batch_is_fenced_after_another_node_takes_over_and_nothing_of_it_lands()
    {
        var cluster = await StartClusterAsync(new TestClusterOptions { Nodes = 2 });
        var (a, b) = (cluster[0], cluster[1]);
        var shard = a.ServedShards[0];
        var entity = cluster.EntityIn(shard);
        (await a.DepositAsync(entity, 1)).Status.ShouldBe(CommandStatus.Accepted);

        cluster.Pause(a);
        var zombie = a.DepositAsync(entity, 1000, commandId: "zombie-1");
        await cluster.WaitUntilAsync(() => a.Journal.Gate.Waiting == 1, "A's writer holds the batch at the paused gate");

        await cluster.WaitUntilAsync(() => b.Serves(shard), "B takes the shard over after A's lease expired in the database");
        (await b.DepositAsync(entity, 10)).Status.ShouldBe(CommandStatus.Accepted);

        cluster.Resume(a);
        await Should.ThrowAsync<Exception>(() => zombie.WaitAsync(TimeSpan.FromSeconds(30)));
        a.Journal.Fenced.ShouldBeGreaterThanOrEqualTo(1);
        await cluster.WaitUntilAsync(() => !a.Serves(shard), "A stops serving the shard it lost");

        (await cluster.CommittedAsync(entity)).ShouldBe(new LedgerState(11, 2));
        var leases = await cluster.LeasesAsync();
        leases.Single(l => l.Shard == shard).Owner.ShouldBe(b.Name);
        var audit = await cluster.AuditAsync();
        audit.Events.ShouldBe(2);
    }
}
