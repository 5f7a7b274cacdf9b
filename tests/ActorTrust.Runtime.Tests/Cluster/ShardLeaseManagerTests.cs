using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using ActorTrust.TestKit.Time;

namespace ActorTrust.Runtime.Tests.Cluster;

public sealed class ShardLeaseManagerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Active_node_acquires_every_free_shard_with_token_one_and_serves_them()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();

        a.ServedCount().ShouldBe(rig.NumShards);
        a.Leases.Held.ShouldAllBe(h => h.Token == 1 && h.State == HeldShardState.Serving);
        rig.Store.Lease(a.Kind, 3).Owner.ShouldBe(a.Name);
        (await a.Send(rig.EntityIn(3), "c1")).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public async Task A_survivor_takes_every_expired_shard_of_a_silent_member_before_the_member_is_declared_dead()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        b.ServedCount().ShouldBe(0); // a holds every shard
        b.Cluster.Membership.Current.Members.Count(m => m.Status == MemberStatus.Active).ShouldBe(2);

        rig.Time.Advance(rig.Options.LeaseTtl + Second); // a stops renewing (killed); nobody has voted it dead yet
        await b.LeaseRound();

        b.Cluster.Membership.Current.Find(a.Id)!.Status.ShouldBe(MemberStatus.Active);
        b.ServedCount().ShouldBe(rig.NumShards);
    }

    [Fact]
    public void An_owner_counts_as_failed_only_when_every_one_of_its_leases_expired()
    {
        var now = DateTimeOffset.UnixEpoch.AddHours(1);
        LeaseRow[] rows =
        [
            new("k", 0, "dead:1:1", 1, now.AddSeconds(-1), null),
            new("k", 1, "dead:1:1", 1, now.AddSeconds(-5), null),
            new("k", 2, "slow:1:1", 1, now.AddSeconds(-1), null),
            new("k", 3, "slow:1:1", 1, now.AddSeconds(4), null),
            new("k", 4, null, 0, now.AddSeconds(-9), null),
        ];

        ShardCandidates.FailedOwners(rows, now).ShouldBe(["dead:1:1"]);
    }

    [Fact]
    public void The_next_look_is_due_when_a_silent_owners_last_lease_expires()
    {
        var now = DateTimeOffset.UnixEpoch.AddHours(1);
        LeaseRow[] rows =
        [
            new("k", 0, "dead:1:1", 3, now.AddSeconds(1), null),
            new("k", 1, "dead:1:1", 3, now.AddSeconds(2), null),
            new("k", 2, "self:1:1", 1, now.AddSeconds(1), null),
            new("other", 0, "live:1:1", 1, now.AddSeconds(0.5), null), // a kind this node does not host
        ];

        ShardCandidates.UntilNextChange(rows, new Dictionary<string, int> { ["k"] = 3 }, "self:1:1", now, new ClusterOptions())
            .ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void A_free_shard_hinted_to_another_node_is_looked_at_again_when_the_hint_grace_runs_out()
    {
        var now = DateTimeOffset.UnixEpoch.AddHours(1);
        var options = new ClusterOptions { DesiredOwnerGrace = 5 * Second };
        LeaseRow[] rows = [new("k", 0, null, 2, now.AddSeconds(-1), "next:1:1"), new("k", 1, "self:1:1", 1, now.AddSeconds(9), null)];

        ShardCandidates.UntilNextChange(rows, new Dictionary<string, int> { ["k"] = 2 }, "self:1:1", now, options).ShouldBe(4 * Second);
    }

    [Fact]
    public void A_node_that_holds_every_shard_has_no_next_look()
    {
        var now = DateTimeOffset.UnixEpoch.AddHours(1);
        LeaseRow[] rows = [new("k", 0, "self:1:1", 1, now.AddSeconds(3), null), new("k", 1, "self:1:1", 1, now.AddSeconds(4), null)];

        ShardCandidates.UntilNextChange(rows, new Dictionary<string, int> { ["k"] = 2 }, "self:1:1", now, new ClusterOptions()).ShouldBeNull();
    }

    [Fact]
    public async Task A_survivor_looks_again_just_after_a_silent_members_leases_expire_and_takes_its_shards_then()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode(); // holds every shard until now + ttl
        var b = await rig.StartedNode(); // its first round read a's leases
        var start = rig.Time.GetTimestamp();

        var lookAt = b.Leases.NextLookAt.ShouldNotBeNull();
        var wait = rig.Time.GetElapsedTime(start, lookAt);
        wait.ShouldBeGreaterThan(rig.Options.LeaseTtl);
        wait.ShouldBeLessThan(rig.Options.LeaseTtl + 100 * TimeSpan.FromMilliseconds(1));

        rig.Time.Advance(wait); // a has stopped renewing (killed)
        await b.Leases.LookForFreeShardsAsync(CancellationToken.None);

        b.ServedCount().ShouldBe(rig.NumShards);
        rig.Store.Lease(b.Kind, 0).Token.ShouldBe(2);
    }

    [Fact]
    public async Task Joining_node_takes_no_shards()
    {
        await using var rig = new ClusterRig();
        var a = rig.Node();
        await a.Leases.RegisterKindsAsync([(a.Kind, rig.NumShards)], CancellationToken.None);
        await a.Cluster.Membership.JoinAsync(CancellationToken.None);

        await a.LeaseRound();

        a.Leases.Held.ShouldBeEmpty();
        rig.Store.Lease(a.Kind, 0).Owner.ShouldBeNull();
    }

    [Fact]
    public async Task Renewal_moves_the_local_deadline_forward()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();

        rig.Time.Advance(5 * Second);
        await a.LeaseRound();
        rig.Time.Advance(10 * Second); // 15s after the acquire: past its deadline (12s), not past the renewal's (17s)

        a.ServedCount().ShouldBe(rig.NumShards);
    }

    [Fact]
    public async Task Local_deadline_stops_commands_before_the_database_lease_expires()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var entity = rig.EntityIn(2);
        (await a.Send(entity, "c1")).IsAccepted.ShouldBeTrue();

        rig.Time.Advance(12 * Second); // no renewal reached the store (I4): ttl 15s − margin 3s

        rig.Store.Lease(a.Kind, 2).ExpiresAt.ShouldBeGreaterThan(rig.Time.GetUtcNow()); // the database still says a holds it
        a.Serves(2).ShouldBeFalse();
        var refused = await Should.ThrowAsync<NotOwnerException>(() => a.Send(entity, "c2"));
        refused.Shard.ShouldBe(2);
        (await rig.Journal.ReadHighestSeqNrAsync(PersistenceIds.For(a.Kind, entity), CancellationToken.None)).ShouldBe(1);
    }

    [Fact]
    public async Task A_renewal_round_renews_every_held_lease_with_one_store_call()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var (single, batches) = (rig.Store.RenewCalls, rig.Store.RenewManyCalls);

        rig.Time.Advance(5 * Second);
        rig.Store.DatabaseClock.Advance(5 * Second);
        await a.LeaseRound();

        rig.Store.RenewManyCalls.ShouldBe(batches + 1);
        rig.Store.RenewCalls.ShouldBe(single);
        Enumerable.Range(0, rig.NumShards).ShouldAllBe(shard => rig.Store.Lease(a.Kind, shard).ExpiresAt == rig.Store.DatabaseClock.GetUtcNow() + rig.Options.LeaseTtl);
    }

    [Fact]
    public async Task A_renewal_round_stops_only_the_shards_whose_lease_was_lost_and_keeps_serving_the_rest()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        const string other = "10.0.0.9:7000:1";
        (await rig.Store.ReleaseAsync(a.Kind, 2, a.Name, 1, CancellationToken.None)).ShouldBeTrue();
        (await rig.Store.TryAcquireAsync(a.Kind, 2, other, rig.Options.LeaseTtl, rig.Options.DesiredOwnerGrace, CancellationToken.None)).ShouldNotBeNull();

        rig.Time.Advance(5 * Second);
        await a.LeaseRound();
        rig.Time.Advance(10 * Second); // past the acquire's deadline (12s), not the renewal's (17s)

        a.Serves(2).ShouldBeFalse();
        a.Stopped.ShouldBe([new ShardStopped(a.Kind, 2, 1, ShardLossReason.LeaseLost)]);
        a.ServedCount().ShouldBe(rig.NumShards - 1);
        rig.Store.Lease(a.Kind, 2).Owner.ShouldBe(other);
    }

    [Fact]
    public async Task Deadline_is_counted_from_when_the_renewal_was_sent()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        rig.Time.Advance(5 * Second);
        rig.Store.Hang(a.Id);
        var round = a.Leases.RunOnceAsync(CancellationToken.None); // the renewal is stuck in the store

        rig.Time.Advance(6 * Second);
        rig.Store.Release(a.Id); // it lands at 11s, but was sent at 5s
        await round;
        rig.Time.Advance(6 * Second); // 17s = 5s + 12s

        a.ServedCount().ShouldBe(0);
    }

    [Fact]
    public async Task Isolated_node_serves_until_its_local_deadline_then_stops_the_shards()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var entity = rig.EntityIn(1);
        await a.Send(entity, "c1");
        rig.Store.IsolateNode(a.Id);

        rig.Time.Advance(5 * Second);
        await a.LeaseRound(); // the renewal throws: outcome unknown, keep serving
        a.ServedCount().ShouldBe(rig.NumShards);

        rig.Time.Advance(7 * Second);
        await a.LeaseRound();

        a.ServedCount().ShouldBe(0);
        a.Stopped.ShouldAllBe(s => s.Reason == ShardLossReason.DeadlineExpired);
        a.Registry.ActiveCount.ShouldBe(0);
    }

    [Fact]
    public async Task Node_cut_from_the_database_stops_serving_before_another_node_can_take_over()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        rig.Store.IsolateNode(a.Id);

        for (var second = 1; second <= 40; second++)
        {
            rig.Time.Advance(Second);
            await a.LeaseRound();
            await b.LeaseRound();
            for (var shard = 0; shard < rig.NumShards; shard++)
            {
                (a.Serves(shard) && b.Serves(shard)).ShouldBeFalse($"shard {shard} served twice at {second}s");
            }

            if (second == 12)
            {
                a.ServedCount().ShouldBe(0); // its local deadline: 3s before the database expiry
                b.ServedCount().ShouldBe(0);
            }
        }

        b.ServedCount().ShouldBe(rig.NumShards); // all of them at expiry: a renews none, so it no longer counts towards the share
    }

    [Fact]
    public async Task Renewal_that_finds_a_new_owner_stops_the_shard_and_its_entities()
    {
        await using var rig = new ClusterRig();
        var aClock = new ManualTimeProvider();
        var a = await rig.StartedNode(localTime: aClock); // a's local clock stands still (a paused process)
        await a.Send(rig.EntityIn(2), "c1");
        rig.Time.Advance(20 * Second);
        var b = await rig.StartedNode(); // takes every shard: a let all its leases expire in the database, so it counts as failed
        b.Serves(2).ShouldBeTrue();
        rig.Store.Lease(a.Kind, 2).Token.ShouldBe(2);

        await a.LeaseRound();

        a.Serves(2).ShouldBeFalse();
        a.ServedCount().ShouldBe(0);
        a.Stopped.ShouldContain(new ShardStopped(a.Kind, 2, 1, ShardLossReason.LeaseLost));
        a.Registry.ActiveCount.ShouldBe(0);
    }

    [Fact]
    public async Task Command_for_a_shard_held_elsewhere_is_refused_with_the_owner_hint()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();

        var refused = await Should.ThrowAsync<NotOwnerException>(() => b.Send(rig.EntityIn(5), "c1"));

        refused.OwnerHint.ShouldBe(a.Name);
        b.Leases.OwnerHint(b.Kind, 5).ShouldBe(a.Name);
        (await rig.Journal.ReadHighestSeqNrAsync(PersistenceIds.For(b.Kind, rig.EntityIn(5)), CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task Fenced_append_stops_the_whole_shard()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var stale = rig.EntityIn(6);
        var neighbour = rig.EntityIn(6, 1);
        (await a.Send(stale, "c1")).IsAccepted.ShouldBeTrue();
        (await a.Send(neighbour, "c1")).IsAccepted.ShouldBeTrue();
        await using (var zombieKiller = new Entities.RuntimeFixture(journal: rig.Journal, leaseToken: 9))
        {
            // A newer writer (token 9) appends to the stream behind a's back.
            await zombieKiller.Registry.QueryAsync(stale, (s, v) => v, CancellationToken.None);
            await a.Registry.StopShardAsync(6, CancellationToken.None);
            (await zombieKiller.Send(stale, "k1", new Entities.Add(1))).IsAccepted.ShouldBeTrue();
        }

        await Should.ThrowAsync<EntityStoppedException>(() => a.Send(stale, "c2"));

        a.Serves(6).ShouldBeFalse();
        a.Stopped.ShouldContain(new ShardStopped(a.Kind, 6, 1, ShardLossReason.Fenced));
        await a.Leases.WhenStoppedAsync();
        await Should.ThrowAsync<NotOwnerException>(() => a.Send(neighbour, "c2"));
        a.Serves(5).ShouldBeTrue(); // other shards are untouched
    }
}
