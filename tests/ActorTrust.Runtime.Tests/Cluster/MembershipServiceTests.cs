using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Runtime.Tests.Cluster;

public sealed class MembershipServiceTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Join_writes_joining_then_active_each_with_a_version_bump()
    {
        await using var rig = new ClusterRig();
        var a = rig.Node();
        var before = rig.Store.Version;

        await a.Cluster.Membership.JoinAsync(CancellationToken.None);
        rig.Store.Member(a.Id)!.Status.ShouldBe(MemberStatus.Joining);
        a.Cluster.Membership.SelfActive.ShouldBeFalse();
        await a.Cluster.Membership.ActivateAsync(CancellationToken.None);

        rig.Store.Member(a.Id)!.Status.ShouldBe(MemberStatus.Active);
        a.Cluster.Membership.SelfActive.ShouldBeTrue();
        rig.Store.Version.ShouldBe(before + 2);
    }

    [Fact]
    public async Task A_stale_version_write_is_refused_and_changes_nothing()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var row = rig.Store.Member(a.Id)!;

        (await rig.Store.TryWriteAsync(row with { Status = MemberStatus.ShuttingDown }, rig.Store.Version - 1, CancellationToken.None)).ShouldBeFalse();

        rig.Store.Member(a.Id)!.Status.ShouldBe(MemberStatus.Active);
    }

    [Fact]
    public async Task I_am_alive_is_stamped_with_database_time()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        rig.Time.Advance(40 * Second);

        await a.MembershipRound();

        rig.Store.Member(a.Id)!.IAmAliveAt.ShouldBe(rig.Time.GetUtcNow());
    }

    [Fact]
    public async Task Probes_go_to_ring_successors_only()
    {
        await using var rig = new ClusterRig(options: new ClusterOptions { ProbedSuccessors = 2 });
        var nodes = new List<RigNode>();
        for (var i = 0; i < 4; i++)
        {
            nodes.Add(await rig.StartedNode());
        }

        var snapshot = await rig.Store.ReadAsync(CancellationToken.None);
        var successors = MembershipService.RingSuccessors(snapshot, nodes[3].Id, 2);

        successors.ShouldBe([nodes[0].Id, nodes[1].Id]); // the ring wraps around
    }

    [Fact]
    public async Task Unreachable_member_is_voted_suspect_then_declared_dead_at_the_vote_threshold()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        var c = await rig.StartedNode();
        rig.Probes.Down(c.Id);

        await a.MembershipRounds(3);

        rig.Store.Member(c.Id)!.SuspectVotes.Select(v => v.Voter).ShouldBe([a.Name]);
        rig.Store.Member(c.Id)!.Status.ShouldBe(MemberStatus.Active); // one vote of the two needed
        await b.MembershipRounds(3);

        rig.Store.Member(c.Id)!.Status.ShouldBe(MemberStatus.Dead);
        rig.Store.Member(a.Id)!.Status.ShouldBe(MemberStatus.Active);
    }

    [Fact]
    public async Task Expired_votes_do_not_count()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        var c = await rig.StartedNode();
        rig.Probes.Down(c.Id);
        await a.MembershipRounds(3);

        rig.Time.Advance(rig.Options.DeathVoteExpiration + Second);
        await b.MembershipRounds(3);

        rig.Store.Member(c.Id)!.Status.ShouldBe(MemberStatus.Active);
        rig.Store.Member(c.Id)!.SuspectVotes.Select(v => v.Voter).ShouldBe([b.Name]);
    }

    [Fact]
    public async Task A_vote_by_a_member_declared_dead_since_no_longer_counts()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        var c = await rig.StartedNode();
        var d = await rig.StartedNode();
        rig.Probes.Down(d.Id);
        await a.MembershipRounds(3);

        (await rig.Store.TryWriteAsync(rig.Store.Member(a.Id)! with { Status = MemberStatus.Dead }, rig.Store.Version, CancellationToken.None)).ShouldBeTrue();
        await b.MembershipRounds(3);

        rig.Store.Member(d.Id)!.Status.ShouldBe(MemberStatus.Active, "a's old vote and b's make two votes, but only b is a live voter");
        await c.MembershipRounds(3);

        rig.Store.Member(d.Id)!.Status.ShouldBe(MemberStatus.Dead);
    }

    [Fact]
    public async Task Node_whose_own_timers_lag_does_not_vote()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        rig.Probes.Down(b.Id);
        a.Cluster.Membership.Health.Observe(5 * Second);

        await a.MembershipRounds(5);

        rig.Store.Member(b.Id)!.SuspectVotes.ShouldBeEmpty();
        rig.Store.Member(b.Id)!.Status.ShouldBe(MemberStatus.Active);
    }

    [Fact]
    public async Task Node_whose_thread_pool_lags_does_not_vote()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        rig.Probes.Down(b.Id);
        a.Cluster.Membership.Health.ObserveThreadPool(2 * Second);

        await a.MembershipRounds(5);

        a.Cluster.Membership.Health.IsHealthy.ShouldBeFalse();
        rig.Store.Member(b.Id)!.SuspectVotes.ShouldBeEmpty();
    }

    [Fact]
    public void Health_is_degraded_past_either_bound_and_restored_within_both()
    {
        var health = new LocalHealthMonitor(3 * Second, Second);

        health.IsHealthy.ShouldBeTrue();
        health.ObserveThreadPool(Second + TimeSpan.FromMilliseconds(1));
        health.IsHealthy.ShouldBeFalse();
        health.ObserveThreadPool(Second);
        health.Observe(3 * Second + TimeSpan.FromMilliseconds(1));
        health.IsHealthy.ShouldBeFalse();
        health.Observe(TimeSpan.FromSeconds(-1));
        health.IsHealthy.ShouldBeTrue();
    }

    [Fact]
    public async Task Measuring_the_thread_pool_records_the_wait_on_the_given_clock()
    {
        var health = new LocalHealthMonitor(3 * Second, Second);

        await health.MeasureThreadPoolAsync(new ActorTrust.TestKit.Time.ManualTimeProvider()); // a clock that stands still: no wait

        health.LastThreadPoolLag.ShouldBe(TimeSpan.Zero);
        health.IsHealthy.ShouldBeTrue();
    }

    [Fact]
    public async Task In_a_two_node_cluster_one_vote_declares_the_other_dead()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        rig.Probes.Down(b.Id);

        await a.MembershipRounds(3);

        rig.Store.Member(b.Id)!.Status.ShouldBe(MemberStatus.Dead);
    }

    [Fact]
    public async Task Node_that_reads_itself_dead_stops_every_shard_and_signals_exit()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        var entity = rig.EntityIn(0);
        (await a.Send(entity, "c1")).IsAccepted.ShouldBeTrue();
        rig.Probes.Blackhole(b.Id, a.Id); // a network partition; the database stays reachable
        await b.MembershipRounds(3);

        rig.Store.Member(a.Id)!.Status.ShouldBe(MemberStatus.Dead);
        await a.MembershipRound();

        a.Cluster.Exited.IsCompleted.ShouldBeTrue();
        a.Leases.Held.ShouldBeEmpty();
        a.Registry.ActiveCount.ShouldBe(0);
        await Should.ThrowAsync<NotOwnerException>(() => a.Send(entity, "c2"));
        Enumerable.Range(0, rig.NumShards).ShouldAllBe(s => rig.Store.Lease(a.Kind, s).Owner != a.Name);
        await b.LeaseRound();
        b.ServedCount().ShouldBe(rig.NumShards);
    }

    [Fact]
    public async Task Dead_incarnation_is_never_written_back_to_active()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var row = rig.Store.Member(a.Id)!;
        (await rig.Store.TryWriteAsync(row with { Status = MemberStatus.Dead }, rig.Store.Version, CancellationToken.None)).ShouldBeTrue();

        (await rig.Store.TryWriteAsync(row with { Status = MemberStatus.Active }, rig.Store.Version, CancellationToken.None)).ShouldBeFalse();

        rig.Store.Member(a.Id)!.Status.ShouldBe(MemberStatus.Dead);
    }

    [Fact]
    public async Task Restart_is_a_new_incarnation_that_marks_the_old_one_dead_and_inherits_no_lease()
    {
        await using var rig = new ClusterRig();
        var old = await rig.StartedNode(port: 7100);
        rig.Time.Advance(Second);

        var restarted = await rig.StartedNode(port: 7100);

        restarted.Id.Incarnation.ShouldBeGreaterThan(old.Id.Incarnation);
        rig.Store.Member(old.Id)!.Status.ShouldBe(MemberStatus.Dead);
        restarted.Leases.Held.ShouldBeEmpty(); // the old incarnation's leases are not its own
        (await rig.Store.TryRenewAsync(old.Kind, 0, restarted.Name, 1, rig.Options.LeaseTtl, CancellationToken.None)).ShouldBeNull();

        await old.MembershipRound(); // the old process, if still alive, reads itself dead and stops
        old.Cluster.Exited.IsCompleted.ShouldBeTrue();
        await restarted.LeaseRound();
        restarted.ServedCount().ShouldBe(rig.NumShards);
        rig.Store.Lease(old.Kind, 0).Token.ShouldBe(2);
    }
}
