using ActorTrust.TestKit.Postgres;

namespace ActorTrust.MultiNode.Tests;

/// <summary>Specs 2 and 4: a killed owner's shards move with no acknowledged event lost; a graceful leave fails no command.</summary>
public sealed class FailoverSpecs(MultiNodeFixture fixture) : MultiNodeSpec(fixture)
{
    [PostgresFact]
    public async Task Killing_an_owner_moves_its_shards_and_loses_no_acknowledged_deposit()
    {
        var cluster = await StartClusterAsync();
        var victim = cluster[2];
        var victimShards = victim.ServedShards;
        var entities = victimShards.SelectMany(s => new[] { cluster.EntityIn(s), cluster.EntityIn(s, 1) }).ToList();
        await using var load = new Load([cluster[0], cluster[1]], entities);
        await cluster.WaitUntilAsync(() => load.Acked.Count >= 30, "deposits are acknowledged before the kill");

        await cluster.KillAsync(victim);
        var ackedAtKill = load.Acked.Count;

        await cluster.WaitUntilAsync(() => victimShards.All(s => cluster.ServerOf(s) is not null), "the survivors serve every shard of the killed node");
        await cluster.WaitUntilAsync(() => load.Acked.Count >= ackedAtKill + 30, "deposits are acknowledged again on the new owners");
        await load.StopAsync();

        var committed = (await cluster.FeedAsync()).Select(r => r.CommandId).ToHashSet();
        load.Acked.ShouldAllBe(a => committed.Contains(a.CommandId));
        await cluster.AuditAsync();
    }

    [PostgresFact]
    public async Task A_graceful_shutdown_hands_every_shard_off_with_zero_failed_commands()
    {
        var cluster = await StartClusterAsync();
        var leaving = cluster[2];
        var entities = Enumerable.Range(0, cluster.Options.NumShards).Select(s => cluster.EntityIn(s)).ToList();
        await using var load = new Load([cluster[0], cluster[1]], entities);
        await cluster.WaitUntilAsync(() => load.Acked.Count >= 30, "deposits are acknowledged before the shutdown");

        await cluster.StopAsync(leaving);
        var ackedAtStop = load.Acked.Count;
        await cluster.WaitUntilAsync(() => load.Acked.Count >= ackedAtStop + 50, "deposits keep being acknowledged after the shutdown");
        await load.StopAsync();

        load.Failures.ShouldBeEmpty();
        leaving.ServedShards.ShouldBeEmpty();
        cluster.AllShardsServed().ShouldBeTrue();
        var members = await cluster.MembersAsync();
        members.Members.Single(m => m.Node == leaving.Id).Status.ShouldBe(Runtime.Cluster.MemberStatus.Dead);
        await cluster.AuditAsync();
    }
}
