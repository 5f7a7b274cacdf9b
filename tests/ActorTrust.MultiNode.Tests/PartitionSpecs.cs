using System.Diagnostics;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.TestKit.MultiNode;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.MultiNode.Tests;

/// <summary>Specs 7, 8 and 14: database partition, network partition with the database reachable, clock skew.</summary>
public sealed class PartitionSpecs(MultiNodeFixture fixture) : MultiNodeSpec(fixture)
{
    [PostgresFact]
    public async Task A_node_cut_off_the_database_stops_serving_before_another_node_takes_its_shards()
    {
        var cluster = await StartClusterAsync(new TestClusterOptions { Nodes = 2 });
        var (a, b) = (cluster[0], cluster[1]);
        var shard = a.ServedShards[0];
        var entity = cluster.EntityIn(shard);
        (await b.DepositAsync(entity)).IsAccepted.ShouldBeTrue();
        long aStopped = 0, bAcquired = 0;
        a.Cluster.Leases.ShardStoppedServing += s => { if (s.Shard == shard) { Interlocked.CompareExchange(ref aStopped, Stopwatch.GetTimestamp(), 0); } };
        b.Cluster.Leases.ShardAcquired += h => { if (h.Shard == shard) { Interlocked.CompareExchange(ref bAcquired, Stopwatch.GetTimestamp(), 0); } };

        TestCluster.IsolateFromDb(a);
        await cluster.WaitUntilAsync(() => b.Serves(shard), "B takes the shard after A's lease expired in the database");

        Interlocked.Read(ref aStopped).ShouldBeGreaterThan(0, "A stopped serving the shard on its own");
        Interlocked.Read(ref aStopped).ShouldBeLessThan(Interlocked.Read(ref bAcquired), "A stopped before B acquired (I4)");
        a.Serves(shard).ShouldBeFalse();
        (await b.DepositAsync(entity)).IsAccepted.ShouldBeTrue();

        TestCluster.ReconnectToDb(a);
        await cluster.WaitUntilAsync(cluster.IsBalanced, "A serves again once the database is back");
        (await cluster.CommittedAsync(entity)).Deposits.ShouldBe(2);
        await cluster.AuditAsync();
    }

    [PostgresFact]
    public async Task A_node_partitioned_from_its_peers_is_declared_dead_exits_and_its_shards_move()
    {
        var cluster = await StartClusterAsync();
        var (a, b, c) = (cluster[0], cluster[1], cluster[2]);
        var shard = a.ServedShards[0];
        var entity = cluster.EntityIn(shard);

        cluster.Blackhole(a, b);
        cluster.Blackhole(a, c);
        await Should.ThrowAsync<ClusterRoutingTimeoutException>(() => b.DepositAsync(entity, deadline: TimeSpan.FromMilliseconds(200)));

        await a.Cluster.Exited.WaitAsync(TimeSpan.FromSeconds(30));
        a.ServedShards.ShouldBeEmpty();
        var members = await cluster.MembersAsync();
        members.Members.Single(m => m.Node == a.Id).Status.ShouldBe(MemberStatus.Dead);
        members.Members.Where(m => m.Node != a.Id).ShouldAllBe(m => m.Status == MemberStatus.Active);

        await cluster.WaitUntilAsync(() => b.Serves(shard) || c.Serves(shard), "B or C takes A's shard");
        (await b.DepositAsync(entity)).IsAccepted.ShouldBeTrue();
        (await cluster.LeasesAsync()).ShouldAllBe(l => l.Owner != a.Name || l.ExpiresAt < DateTimeOffset.UtcNow.AddSeconds(5));
        await cluster.AuditAsync();
    }

    [PostgresFact]
    public Task Thirty_seconds_of_clock_skew_ahead_on_a_node_changes_no_lease() => SkewChangesNothing(30);

    [PostgresFact]
    public Task Thirty_seconds_of_clock_skew_behind_on_a_node_changes_no_lease() => SkewChangesNothing(-30);

    private async Task SkewChangesNothing(int skewSeconds)
    {
        var cluster = await StartClusterAsync();
        TestCluster.ClockSkew(cluster[1], TimeSpan.FromSeconds(skewSeconds));
        TestCluster.ClockSkew(cluster[2], TimeSpan.FromSeconds(-skewSeconds / 2));
        var before = await cluster.LeasesAsync();
        var entities = Enumerable.Range(0, cluster.Options.NumShards).Select(s => cluster.EntityIn(s)).ToList();
        await using var load = new Load(cluster.Nodes, entities);

        var renewedBeyond = before.Max(l => l.ExpiresAt) + cluster.Options.Cluster.LeaseTtl;
        await cluster.WaitUntilAsync(async () => (await cluster.LeasesAsync()).All(l => l.ExpiresAt > renewedBeyond),
            "every lease is renewed past a whole ttl after the skew");
        await load.StopAsync();

        var after = await cluster.LeasesAsync();
        after.Select(l => (l.Shard, l.Owner, l.Token)).ShouldBe(before.Select(l => (l.Shard, l.Owner, l.Token)));
        load.Failures.ShouldBeEmpty();
        load.Acked.ShouldNotBeEmpty();
        await cluster.AuditAsync();
    }
}
