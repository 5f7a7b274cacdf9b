using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Runtime.Tests.Cluster;

public sealed class HandoffTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Handoff_refuses_new_commands_drains_queued_ones_then_releases_to_the_hinted_node()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        var entity = rig.EntityIn(3);
        await Hint(rig, a.Kind, 3, b.Name);

        var appendGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Journal.BeforeAppend = _ => appendGate.Task;
        var queued = Enumerable.Range(1, 5).Select(i => a.Send(entity, $"q{i}")).ToList(); // one appending, four queued
        rig.Time.Advance(5 * Second);
        await a.Leases.RunOnceAsync(CancellationToken.None); // the renewal carries the hint: handoff starts

        a.Serves(3).ShouldBeFalse();
        a.Leases.Held.Single(h => h.Shard == 3).State.ShouldBe(HeldShardState.HandingOff);
        var refused = await Should.ThrowAsync<NotOwnerException>(() => a.Send(entity, "late"));
        a.Leases.OwnerHint(a.Kind, 3).ShouldBe(b.Name);
        refused.Shard.ShouldBe(3);

        appendGate.SetResult();
        await a.Leases.WhenStoppedAsync().WaitAsync(TimeSpan.FromSeconds(10));

        (await Task.WhenAll(queued)).ShouldAllBe(r => r.IsAccepted); // the custom stop came after the queue drained
        (await rig.Journal.ReadHighestSeqNrAsync(PersistenceIds.For(a.Kind, entity), CancellationToken.None)).ShouldBe(5);
        a.Stopped.ShouldContain(new ShardStopped(a.Kind, 3, 1, ShardLossReason.HandedOff));
        rig.Store.Lease(a.Kind, 3).Owner.ShouldBeNull();

        await b.LeaseRound();
        b.Serves(3).ShouldBeTrue();
        rig.Store.Lease(a.Kind, 3).Token.ShouldBe(2);
        rig.Store.Lease(a.Kind, 3).DesiredOwner.ShouldBeNull();
        (await b.Send(entity, "q6")).Version.ShouldBe(6);
    }

    [Fact]
    public async Task A_released_hinted_shard_is_kept_for_its_target_until_the_grace_passes()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        var c = await rig.StartedNode();
        await Hint(rig, a.Kind, 7, b.Name);
        rig.Time.Advance(5 * Second);
        await a.LeaseRound(); // handed off and released
        (await rig.Store.TryRenewAsync(a.Kind, 7, a.Name, 1, rig.Options.LeaseTtl, CancellationToken.None)).ShouldBeNull();

        (await rig.Store.TryAcquireAsync(a.Kind, 7, c.Name, rig.Options.LeaseTtl, rig.Options.DesiredOwnerGrace, CancellationToken.None)).ShouldBeNull();
        rig.Time.Advance(6 * Second);
        (await rig.Store.TryAcquireAsync(a.Kind, 7, c.Name, rig.Options.LeaseTtl, rig.Options.DesiredOwnerGrace, CancellationToken.None))!.Token.ShouldBe(2);
    }

    [Fact]
    public async Task Graceful_shutdown_hands_every_shard_off_and_ends_the_incarnation()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        var entity = rig.EntityIn(1);
        (await a.Send(entity, "c1")).IsAccepted.ShouldBeTrue();

        await a.Cluster.StopAsync(CancellationToken.None);

        a.Leases.Held.ShouldBeEmpty();
        a.Cluster.Exited.IsCompleted.ShouldBeTrue();
        rig.Store.Member(a.Id)!.Status.ShouldBe(MemberStatus.Dead);
        Enumerable.Range(0, rig.NumShards).ShouldAllBe(s => rig.Store.Lease(a.Kind, s).Owner == null);
        await b.MembershipRound();
        await b.LeaseRound();
        b.ServedCount().ShouldBe(rig.NumShards);
        (await b.Send(entity, "c2")).Version.ShouldBe(2);
    }

    [Fact]
    public async Task Drain_that_outlasts_the_handoff_timeout_is_abandoned_and_the_lease_released()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        await Hint(rig, a.Kind, 2, b.Name);
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Journal.BeforeAppend = _ => stuck.Task;
        var pending = a.Send(rig.EntityIn(2), "c1");
        rig.Time.Advance(5 * Second);
        await a.Leases.RunOnceAsync(CancellationToken.None);

        rig.Time.Advance(25 * Second); // handoff timeout 30s − 5s

        await a.Leases.WhenStoppedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        rig.Store.Lease(a.Kind, 2).Owner.ShouldBeNull(); // a lost "stopped" never blocks the move (Akka #7500)
        a.Leases.Held.ShouldNotContain(h => h.Shard == 2);
        stuck.SetResult(); // the late append's fate is the journal's fencing check (PostgreSQL: owner and token under FOR SHARE)
        await pending.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task Hint(ClusterRig rig, string kind, int shard, string to)
    {
        var coordinator = await rig.Store.TryAcquireAsync(ClusterLeaseStore.CoordinatorKind, 0, "coordinator:1:1", TimeSpan.FromMinutes(5), TimeSpan.Zero, CancellationToken.None);
        (await rig.Store.SetDesiredOwnerAsync(kind, shard, to, "coordinator:1:1", coordinator!.Token, CancellationToken.None)).ShouldBeTrue();
    }
}
