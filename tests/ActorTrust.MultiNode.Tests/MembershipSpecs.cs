using ActorTrust.Runtime.Cluster;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.MultiNode.Tests;

/// <summary>Spec 13: a killed node is declared Dead; a restart is a new incarnation that inherits no lease (I8).</summary>
public sealed class MembershipSpecs(MultiNodeFixture fixture) : MultiNodeSpec(fixture)
{
    [PostgresFact]
    public async Task A_killed_node_is_declared_dead_and_its_restart_is_a_new_incarnation_inheriting_no_lease()
    {
        var cluster = await StartClusterAsync();
        var old = cluster[2];
        var oldShards = old.ServedShards;

        await cluster.KillAsync(old);
        await cluster.WaitUntilAsync(async () => (await cluster.MembersAsync()).Members.Single(m => m.Node == old.Id).Status == MemberStatus.Dead,
            "the survivors vote the killed node Dead");
        await cluster.WaitUntilAsync(() => oldShards.All(s => cluster.ServerOf(s) is not null), "its shards are served by the survivors");
        var tokensAfterFailover = (await cluster.LeasesAsync()).ToDictionary(l => l.Shard, l => l.Token);

        var reborn = await cluster.RestartAsync(old);

        reborn.Id.Endpoint.ShouldBe(old.Id.Endpoint);
        reborn.Id.Incarnation.ShouldBeGreaterThan(old.Id.Incarnation);
        await cluster.WaitUntilAsync(cluster.IsBalanced, "the restarted node gets its share back");
        var members = await cluster.MembersAsync();
        members.Members.Single(m => m.Node == old.Id).Status.ShouldBe(MemberStatus.Dead);
        members.Members.Single(m => m.Node == reborn.Id).Status.ShouldBe(MemberStatus.Active);
        var leases = await cluster.LeasesAsync();
        leases.ShouldAllBe(l => l.Owner != old.Name);
        foreach (var shard in reborn.ServedShards)
        {
            leases.Single(l => l.Shard == shard).Token.ShouldBeGreaterThan(tokensAfterFailover[shard], "a shard of the new incarnation was acquired afresh");
        }

        (await reborn.DepositAsync(cluster.EntityIn(reborn.ServedShards[0]))).IsAccepted.ShouldBeTrue();
        await cluster.AuditAsync();
    }
}
