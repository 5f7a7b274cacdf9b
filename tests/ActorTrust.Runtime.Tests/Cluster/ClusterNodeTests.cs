using ActorTrust.Runtime.Cluster;

namespace ActorTrust.Runtime.Tests.Cluster;

public sealed class ClusterNodeTests
{
    [Fact]
    public async Task Started_node_is_active_serves_its_shards_and_leaves_gracefully()
    {
        await using var rig = new ClusterRig();
        var a = rig.Node();

        await a.Cluster.StartAsync([a.Registry], CancellationToken.None);

        rig.Store.Member(a.Id)!.Status.ShouldBe(MemberStatus.Active);
        a.ServedCount().ShouldBe(rig.NumShards);
        a.Cluster.LocalShards.TryGetServing(a.Kind, 0, out var token).ShouldBeTrue();
        token.ShouldBe(1);
        (await a.Send(rig.EntityIn(0), "c1")).IsAccepted.ShouldBeTrue();

        await a.Cluster.StopAsync(CancellationToken.None);

        await a.Cluster.Exited.WaitAsync(TimeSpan.FromSeconds(10));
        rig.Store.Member(a.Id)!.Status.ShouldBe(MemberStatus.Dead);
        a.ServedCount().ShouldBe(0);
    }
}
