using ActorTrust.Runtime.Cluster.Routing;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Sharding;
using ActorTrust.Runtime.Tests.Entities;
using ActorTrust.TestKit.Cluster;

namespace ActorTrust.Runtime.Tests.Cluster.Transport;

public sealed class ClusterRouterTests
{
    private const string Kind = RoutingCluster.Kind;
    private static readonly int ShardOfA1 = Shards.ShardOf("a1", RoutingCluster.NumShards);

    [Fact]
    public async Task A_command_for_a_shard_this_node_serves_runs_locally()
    {
        await using var cluster = new RoutingCluster();
        var a = cluster.AddNode(7001);
        a.Shards.ServeAll(Kind, RoutingCluster.NumShards);

        var result = await a.Send("a1", new Add(5));

        result.IsAccepted.ShouldBeTrue();
        result.State!.Total.ShouldBe(5); // a local result keeps its state
        cluster.Hub.BatchesSent.ShouldBe(0);
        cluster.Tables.LeaseReads.ShouldBe(0);
    }

    [Fact]
    public async Task A_command_for_a_shard_another_node_owns_runs_there_and_comes_back_without_state()
    {
        await using var cluster = new RoutingCluster();
        var a = cluster.AddNode(7001);
        var b = cluster.AddOwnerOfAllShards(7002);

        var result = await a.Send("a1", new Add(5));

        result.Status.ShouldBe(CommandStatus.Accepted);
        result.Version.ShouldBe(1);
        result.EventTypes.ShouldBe(["counter.added.v1"]);
        result.State.ShouldBeNull();
        a.Registry.ActiveCount.ShouldBe(0);
        (await b.TotalOf("a1")).ShouldBe(5);
    }

    [Fact]
    public async Task A_rejection_on_the_owner_comes_back_as_a_rejection()
    {
        await using var cluster = new RoutingCluster();
        var a = cluster.AddNode(7001);
        var b = cluster.AddOwnerOfAllShards(7002);

        var result = await a.Send("a1", new Add(-1));

        result.Status.ShouldBe(CommandStatus.Rejected);
        result.Rejection!.Code.ShouldBe("NegativeStep");
    }

    [Fact]
    public async Task NotOwner_refreshes_the_routing_cache_and_the_command_lands_at_the_new_owner()
    {
        await using var cluster = new RoutingCluster();
        var a = cluster.AddNode(7001);
        var b = cluster.AddNode(7002);
        var c = cluster.AddNode(7003);
        cluster.Tables.SetOwner(Kind, ShardOfA1, b.Id);
        (await a.Table.OwnerOfAsync(Kind, ShardOfA1, CancellationToken.None))!.Node.ShouldBe(b.Id); // A's cache says B
        cluster.Tables.SetOwner(Kind, ShardOfA1, c.Id); // the shard moved to C; B no longer serves it
        c.Shards.Serve(Kind, ShardOfA1);

        var result = await cluster.Drive(a.Send("a1", new Add(2)), TimeSpan.FromMilliseconds(10));

        result.IsAccepted.ShouldBeTrue();
        b.Registry.ActiveCount.ShouldBe(0);
        (await c.TotalOf("a1")).ShouldBe(2);
        cluster.Tables.LeaseReads.ShouldBe(2);
    }

    [Fact]
    public async Task The_receiver_answers_NotOwner_with_its_cached_owner_as_the_hint()
    {
        await using var cluster = new RoutingCluster();
        var a = cluster.AddNode(7001);
        var b = cluster.AddNode(7002);
        var c = cluster.AddNode(7003);
        cluster.Tables.SetOwner(Kind, ShardOfA1, c.Id);
        await b.Table.RefreshAsync(CancellationToken.None);

        var reply = await b.Receiver.ReceiveAsync(new([Envelopes.For(a.Id, b.Id, "a1", new Add(1))]), CancellationToken.None);

        reply.Answers.Single().Status.ShouldBe(Runtime.Cluster.Transport.DeliveryStatus.NotOwner);
        reply.Answers.Single().OwnerHint.ShouldBe(c.Id.ToString());
    }

    [Fact]
    public async Task WrongIncarnation_makes_the_sender_reread_membership_and_reach_the_restarted_node()
    {
        await using var cluster = new RoutingCluster();
        var a = cluster.AddNode(7001);
        var oldB = cluster.AddNode(7002, incarnation: 1);
        cluster.Tables.SetOwner(Kind, ShardOfA1, oldB.Id);
        await a.Table.RefreshAsync(CancellationToken.None);
        var newB = cluster.AddNode(7002, incarnation: 2); // same host:port, new process; the hub now routes to it
        cluster.Tables.RemoveMember(oldB.Id);
        cluster.Tables.SetOwner(Kind, ShardOfA1, newB.Id);
        newB.Shards.Serve(Kind, ShardOfA1);
        oldB.Shards.Serve(Kind, ShardOfA1); // even serving, the old incarnation is never reached again

        var result = await cluster.Drive(a.Send("a1", new Add(3)), TimeSpan.FromMilliseconds(10));

        result.IsAccepted.ShouldBeTrue();
        (await newB.TotalOf("a1")).ShouldBe(3);
        oldB.Registry.ActiveCount.ShouldBe(0);
    }

    [Fact]
    public async Task The_receiver_refuses_an_envelope_addressed_to_an_earlier_incarnation()
    {
        await using var cluster = new RoutingCluster();
        var a = cluster.AddNode(7001);
        var b = cluster.AddNode(7002, incarnation: 2);
        b.Shards.ServeAll(Kind, RoutingCluster.NumShards);

        var earlier = b.Id with { Incarnation = 1 };
        var reply = await b.Receiver.ReceiveAsync(new([Envelopes.For(a.Id, earlier, "a1", new Add(1))]), CancellationToken.None);

        reply.Answers.Single().Status.ShouldBe(Runtime.Cluster.Transport.DeliveryStatus.WrongIncarnation);
        b.Registry.ActiveCount.ShouldBe(0);
    }

    [Fact]
    public async Task The_receiver_refuses_an_envelope_whose_shard_disagrees_with_the_entity_hash()
    {
        await using var cluster = new RoutingCluster();
        var a = cluster.AddNode(7001);
        var b = cluster.AddNode(7002);
        b.Shards.ServeAll(Kind, RoutingCluster.NumShards);

        var envelope = Envelopes.For(a.Id, b.Id, "a1", new Add(1)) with { Shard = (ShardOfA1 + 1) % RoutingCluster.NumShards };
        var answer = (await b.Receiver.ReceiveAsync(new([envelope]), CancellationToken.None)).Answers.Single();

        answer.Status.ShouldBe(Runtime.Cluster.Transport.DeliveryStatus.Failed);
        answer.Reason!.ShouldContain("disagree on the shard count");
        b.Registry.ActiveCount.ShouldBe(0);
    }

    [Fact]
    public async Task Overflowing_a_shard_buffer_answers_Overloaded_at_once()
    {
        await using var cluster = new RoutingCluster(new RouterOptions { ShardBufferCapacity = 2, AttemptTimeout = TimeSpan.FromSeconds(1) });
        var a = cluster.AddNode(7001);
        var b = cluster.AddNode(7002);
        cluster.Tables.SetOwner(Kind, ShardOfA1, b.Id);
        cluster.Hub.Blackhole(a.Id, b.Id, LinkDirection.Both);
        var waiting = new[] { a.Send("a1", new Add(1), deadline: TimeSpan.FromSeconds(2)), a.Send("a1", new Add(1), deadline: TimeSpan.FromSeconds(2)) };

        var third = await a.Send("a1", new Add(1));

        third.Status.ShouldBe(CommandStatus.Overloaded);
        a.Router.Buffered(Kind, ShardOfA1).ShouldBe(2);
        foreach (var task in waiting)
        {
            await Should.ThrowAsync<ClusterRoutingTimeoutException>(() => cluster.Drive(task, TimeSpan.FromMilliseconds(100)));
        }

        a.Router.Buffered(Kind, ShardOfA1).ShouldBe(0);
    }

    [Fact]
    public async Task Overflowing_the_outbox_to_a_node_answers_Overloaded_at_once()
    {
        await using var cluster = new RoutingCluster(new RouterOptions { NodeBufferCapacity = 1, AttemptTimeout = TimeSpan.FromSeconds(1) });
        var a = cluster.AddNode(7001);
        var b = cluster.AddNode(7002);
        cluster.Tables.SetOwnerOfAll(Kind, RoutingCluster.NumShards, b.Id);
        cluster.Hub.Blackhole(a.Id, b.Id, LinkDirection.Send);
        var inFlight = a.Send("e1", new Add(1), deadline: TimeSpan.FromSeconds(1));
        await RoutingCluster.WaitUntil(() => cluster.Hub.BatchesSent == 1);
        var queued = a.Send("e2", new Add(1), deadline: TimeSpan.FromSeconds(1));

        var refused = await a.Send("e3", new Add(1));

        refused.Status.ShouldBe(CommandStatus.Overloaded);
        await Should.ThrowAsync<ClusterRoutingTimeoutException>(() => cluster.Drive(inFlight, TimeSpan.FromMilliseconds(100)));
        await Should.ThrowAsync<ClusterRoutingTimeoutException>(() => cluster.Drive(queued, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task An_overloaded_owner_is_reported_as_Overloaded_to_the_caller()
    {
        await using var cluster = new RoutingCluster();
        var a = cluster.AddNode(7001);
        var b = cluster.AddOwnerOfAllShards(7002, maxInFlight: 0);

        var result = await a.Send("a1", new Add(1));

        result.Status.ShouldBe(CommandStatus.Overloaded);
        b.Registry.ActiveCount.ShouldBe(0);
    }

    [Fact]
    public async Task With_no_owner_the_router_retries_until_the_deadline_then_fails_with_a_clear_timeout()
    {
        await using var cluster = new RoutingCluster();
        var a = cluster.AddNode(7001);
        cluster.Tables.SetOwner(Kind, ShardOfA1, a.Id, expired: true);

        var error = await Should.ThrowAsync<ClusterRoutingTimeoutException>(
            () => cluster.Drive(a.Send("a1", new Add(1), deadline: TimeSpan.FromSeconds(2)), TimeSpan.FromMilliseconds(50)));

        error.Message.ShouldContain($"counter|a1 (shard {ShardOfA1}) was not delivered before its deadline");
        error.LastProblem.ShouldBe("no live owner in the lease table");
        error.Attempts.ShouldBeGreaterThan(3);
        cluster.Tables.LeaseReads.ShouldBe(error.Attempts);
    }

    [Fact]
    public async Task A_blackholed_owner_costs_attempts_until_the_deadline()
    {
        await using var cluster = new RoutingCluster(new RouterOptions { AttemptTimeout = TimeSpan.FromMilliseconds(500) });
        var a = cluster.AddNode(7001);
        var b = cluster.AddOwnerOfAllShards(7002);
        cluster.Hub.Blackhole(a.Id, b.Id, LinkDirection.Send);

        var error = await Should.ThrowAsync<ClusterRoutingTimeoutException>(
            () => cluster.Drive(a.Send("a1", new Add(1), deadline: TimeSpan.FromSeconds(2)), TimeSpan.FromMilliseconds(50)));

        error.LastProblem.ShouldContain("did not answer within");
        error.Attempts.ShouldBeGreaterThan(1);
        b.Registry.ActiveCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_lost_answer_is_retried_with_the_same_command_id_and_applied_once()
    {
        await using var cluster = new RoutingCluster(new RouterOptions { AttemptTimeout = TimeSpan.FromMilliseconds(500) });
        var a = cluster.AddNode(7001);
        var b = cluster.AddOwnerOfAllShards(7002);
        cluster.Hub.Blackhole(a.Id, b.Id, LinkDirection.Receive); // B runs it, A never hears back
        var sending = a.Send("a1", new Add(4), commandId: "cmd-1");
        await RoutingCluster.WaitUntil(() => cluster.Hub.RepliesLost == 1);
        cluster.Hub.PassThrough(a.Id, b.Id, LinkDirection.Both);

        var result = await cluster.Drive(sending, TimeSpan.FromMilliseconds(50));

        result.IsAccepted.ShouldBeTrue();
        result.Duplicate.ShouldBeTrue();
        (await b.TotalOf("a1")).ShouldBe(4);
        (await cluster.Journal.ReadHighestSeqNrAsync("counter|a1", CancellationToken.None)).ShouldBe(1);
    }

    [Fact]
    public async Task A_command_the_owner_cannot_run_fails_with_the_owners_reason()
    {
        await using var cluster = new RoutingCluster();
        var a = cluster.AddNode(7001);
        var b = cluster.AddOwnerOfAllShards(7002);

        var error = await Should.ThrowAsync<ClusterDeliveryException>(() => a.Send("a1", new Boom()));

        error.Reason.ShouldContain("decider bug");
    }

    [Fact]
    public async Task An_oversized_command_is_refused_before_anything_is_sent()
    {
        await using var cluster = new RoutingCluster(new RouterOptions { Limits = new() { MaxPayloadBytes = 8 } });
        var a = cluster.AddNode(7001);
        var b = cluster.AddNode(7002);
        cluster.Tables.SetOwnerOfAll(Kind, RoutingCluster.NumShards, b.Id);

        var error = await Should.ThrowAsync<FormatException>(() => a.Send("a1", new Add(123456)));

        error.Message.ShouldContain("over the 8-byte limit");
        cluster.Hub.BatchesSent.ShouldBe(0);
        a.Router.Buffered(Kind, ShardOfA1).ShouldBe(0);
    }

    [Fact]
    public async Task A_shard_that_becomes_local_while_retrying_runs_here()
    {
        await using var cluster = new RoutingCluster();
        var a = cluster.AddNode(7001);
        var sending = a.Send("a1", new Add(6));
        await RoutingCluster.WaitUntil(() => cluster.Tables.LeaseReads >= 1);
        a.Shards.Serve(Kind, ShardOfA1);

        var result = await cluster.Drive(sending, TimeSpan.FromMilliseconds(10));

        result.State!.Total.ShouldBe(6);
    }

    [Fact]
    public async Task A_command_for_an_unreachable_owner_looks_again_when_that_owners_lease_ends_however_long_the_backoff()
    {
        var hour = TimeSpan.FromHours(1);
        await using var cluster = new RoutingCluster(new RouterOptions { InitialBackoff = hour, MaxBackoff = hour, DefaultDeadline = 2 * hour });
        var a = cluster.AddNode(7001);
        var b = cluster.AddNode(7002);
        var c = cluster.AddNode(7003);
        cluster.Tables.SetOwner(Kind, ShardOfA1, b.Id, expiresIn: TimeSpan.FromSeconds(2));
        cluster.Hub.Unregister(b.Id); // b was killed: its lease still stands for 2 s
        var sending = a.Send("a1", new Add(3), deadline: 2 * hour);
        await RoutingCluster.WaitUntil(() => cluster.Tables.LeaseReads == 1 && cluster.Hub.BatchesSent == 1);
        cluster.Tables.SetOwner(Kind, ShardOfA1, c.Id); // a survivor took the shard once b's lease ran out
        c.Shards.Serve(Kind, ShardOfA1);
        var started = cluster.Time.GetUtcNow();

        var result = await cluster.Drive(sending, TimeSpan.FromMilliseconds(50));

        result.IsAccepted.ShouldBeTrue();
        (cluster.Time.GetUtcNow() - started).ShouldBeLessThan(TimeSpan.FromMinutes(1)); // the lease's 2 s, not the hour of backoff
        (await c.TotalOf("a1")).ShouldBe(3);
    }

    [Fact]
    public async Task A_command_waiting_for_an_owner_runs_here_as_soon_as_this_node_acquires_the_shard()
    {
        var hour = TimeSpan.FromHours(1);
        await using var cluster = new RoutingCluster(new RouterOptions { InitialBackoff = hour, MaxBackoff = hour, OwnerPollInterval = hour, DefaultDeadline = 2 * hour });
        var a = cluster.AddNode(7001);
        cluster.Tables.SetOwner(Kind, ShardOfA1, a.Id, expired: true); // the dead owner's lease ran out; nobody holds it yet
        var sending = a.Send("a1", new Add(7), deadline: 2 * hour);
        await RoutingCluster.WaitUntil(() => cluster.Tables.LeaseReads == 1);

        a.Shards.Serve(Kind, ShardOfA1);
        a.Router.OnShardAcquired(Kind, ShardOfA1);
        var result = await sending.WaitAsync(TimeSpan.FromSeconds(10)); // the clock does not move

        result.State!.Total.ShouldBe(7);
        cluster.Tables.LeaseReads.ShouldBe(1);
    }

    [Fact]
    public async Task While_no_node_owns_the_shard_the_router_polls_the_table_at_the_owner_poll_interval()
    {
        var hour = TimeSpan.FromHours(1);
        await using var cluster = new RoutingCluster(new RouterOptions { InitialBackoff = hour, MaxBackoff = hour, OwnerPollInterval = TimeSpan.FromMilliseconds(100) });
        var a = cluster.AddNode(7001);
        var b = cluster.AddNode(7002);
        cluster.Tables.SetOwner(Kind, ShardOfA1, null, expired: true);
        var sending = a.Send("a1", new Add(1), deadline: 2 * hour);
        await RoutingCluster.WaitUntil(() => cluster.Tables.LeaseReads == 1);
        cluster.Tables.SetOwner(Kind, ShardOfA1, b.Id); // another node acquired it
        b.Shards.Serve(Kind, ShardOfA1);
        var started = cluster.Time.GetUtcNow();

        var result = await cluster.Drive(sending, TimeSpan.FromMilliseconds(50));

        result.IsAccepted.ShouldBeTrue();
        (cluster.Time.GetUtcNow() - started).ShouldBeLessThan(TimeSpan.FromMinutes(1)); // polls, not the hour of backoff
    }
}
