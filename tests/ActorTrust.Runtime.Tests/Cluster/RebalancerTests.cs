using ActorTrust.Runtime.Cluster;
using ActorTrust.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Runtime.Tests.Cluster;

public sealed class RebalancerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Only_the_coordinator_lease_holder_rebalances()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();

        (await a.RebalanceRound()).Outcome.ShouldBe(RebalanceOutcome.Planned);
        (await b.RebalanceRound()).Outcome.ShouldBe(RebalanceOutcome.NotCoordinator);
        rig.Store.Lease(ClusterLeaseStore.CoordinatorKind, 0).Owner.ShouldBe(a.Name);
    }

    [Fact]
    public async Task Rebalance_converges_to_at_most_ceil_shards_over_nodes_moving_at_most_the_limit_per_round()
    {
        await using var rig = new ClusterRig(numShards: 20);
        var a = await rig.StartedNode(); // takes all 20
        var b = await rig.StartedNode();
        var c = await rig.StartedNode();
        var nodes = new[] { a, b, c };
        var limit = rig.Options.RebalanceLimit(20);
        limit.ShouldBe(2);

        for (var round = 0; round < 30; round++)
        {
            var result = await a.RebalanceRound();
            result.Outcome.ShouldBeOneOf(RebalanceOutcome.Planned, RebalanceOutcome.Skipped);
            result.Moves.Count.ShouldBeLessThanOrEqualTo(limit);
            if (result.Outcome == RebalanceOutcome.Planned && result.Moves.Count == 0)
            {
                break;
            }

            rig.Time.Advance(Second);
            foreach (var node in nodes)
            {
                await node.LeaseRound(); // owners hand off, then targets acquire
            }

            foreach (var node in nodes)
            {
                await node.LeaseRound();
            }

            AssertNoShardServedTwice(rig, nodes);
        }

        nodes.ShouldAllBe(n => n.ServedCount() <= 7); // ⌈20 / 3⌉
        nodes.Sum(n => n.ServedCount()).ShouldBe(20);
    }

    [Fact]
    public async Task Round_is_skipped_while_a_member_is_joining()
    {
        await using var rig = new ClusterRig();
        var a = await rig.StartedNode();
        await rig.Node().Cluster.Membership.JoinAsync(CancellationToken.None);

        var round = await a.RebalanceRound();

        round.Outcome.ShouldBe(RebalanceOutcome.Skipped);
        round.Reason.ShouldBe("a member is joining");
    }

    [Fact]
    public async Task Round_is_skipped_while_a_handoff_is_in_progress()
    {
        await using var rig = new ClusterRig(numShards: 20);
        var a = await rig.StartedNode();
        await rig.StartedNode();
        (await a.RebalanceRound()).Moves.ShouldNotBeEmpty();

        var second = await a.RebalanceRound(); // no lease round ran: the hints are not taken up yet

        second.Outcome.ShouldBe(RebalanceOutcome.Skipped);
        second.Reason.ShouldBe("a handoff is in progress");
    }

    [Fact]
    public async Task Hint_to_a_member_that_left_is_withdrawn_so_rounds_do_not_stall()
    {
        await using var rig = new ClusterRig(numShards: 20);
        var a = await rig.StartedNode();
        var b = await rig.StartedNode();
        var moves = (await a.RebalanceRound()).Moves;
        moves.ShouldNotBeEmpty();
        await b.Cluster.Membership.BeginLeavingAsync(CancellationToken.None);
        await b.Cluster.Membership.FinishLeavingAsync(CancellationToken.None);

        var round = await a.RebalanceRound();

        round.Outcome.ShouldBe(RebalanceOutcome.Skipped);
        moves.ShouldAllBe(m => rig.Store.Lease(m.Kind, m.Shard).DesiredOwner == null);
        (await a.RebalanceRound()).Outcome.ShouldBe(RebalanceOutcome.Planned);
    }

    [Fact]
    public void Guard_refuses_members_suspected_by_live_voters_and_mixed_versions()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        MemberRow Row(int port, string version = "1", params SuspectVote[] votes) =>
            new(new NodeId("h", port, 1), "http://h", MemberStatus.Active, votes, version, now, now);

        RebalanceGuard.WhyNot(new MembershipSnapshot(1, [Row(1), Row(2, votes: new SuspectVote("h:1:1", now))]), [], now, TimeSpan.FromMinutes(2))
            .ShouldBe("a member is suspected");
        RebalanceGuard.WhyNot(new MembershipSnapshot(1, [Row(1), Row(2, votes: new SuspectVote("h:1:1", now - TimeSpan.FromMinutes(3)))]), [], now, TimeSpan.FromMinutes(2))
            .ShouldBeNull(); // an expired vote is no suspicion
        RebalanceGuard.WhyNot(new MembershipSnapshot(1, [Row(1) with { Status = MemberStatus.Dead }, Row(2, votes: new SuspectVote("h:1:1", now)), Row(3)]), [], now, TimeSpan.FromMinutes(2))
            .ShouldBeNull(); // nor is the vote of a voter declared Dead since
        RebalanceGuard.WhyNot(new MembershipSnapshot(1, [Row(1, "1"), Row(2, "2")]), [], now, TimeSpan.FromMinutes(2))
            .ShouldBe("app versions differ");
    }

    [Fact]
    public void Least_shard_plan_takes_one_from_each_full_member_when_someone_is_far_below()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, 8).Select(s => new LeaseRow("k", s, s < 4 ? "a" : "b", 1, now + TimeSpan.FromSeconds(10), null)).ToList();

        var moves = LeastShardPlan.Plan("k", 8, rows, ["a", "b", "c"], now, limit: 10);

        moves.Select(m => (m.From, m.To)).ShouldBe([("a", "c"), ("b", "c")]); // optimal 3: phase 1 moves a's and b's excess
    }

    [Fact]
    public async Task Deposed_coordinator_cannot_write_hints()
    {
        await using var rig = new ClusterRig(numShards: 20);
        var frozen = new ManualTimeProvider(); // a's local clock stands still: it believes its coordinator lease is valid
        var a = await rig.StartedNode(localTime: frozen);
        RigNode? b = null;
        var members = new DeposingMembers(a.Connection, async () =>
        {
            rig.Time.Advance(20 * Second); // a's leases, the coordinator's included, expire in the database
            (await rig.Store.TryAcquireAsync(ClusterLeaseStore.CoordinatorKind, 0, b!.Name, rig.Options.LeaseTtl, TimeSpan.Zero, CancellationToken.None))!
                .Token.ShouldBe(2);
            await b.LeaseRound(); // b takes its share: now there is something to move
        });
        var deposed = new Rebalancer(a.Id, a.Connection, members, a.Cluster.Membership, rig.Options, frozen, NullLogger.Instance);
        (await deposed.RunOnceAsync(CancellationToken.None)).Outcome.ShouldBe(RebalanceOutcome.Planned); // coordinator, token 1
        b = await rig.StartedNode();
        members.DeposeOnNextRead = true;

        var round = await deposed.RunOnceAsync(CancellationToken.None);

        round.Outcome.ShouldBe(RebalanceOutcome.Fenced);
        round.Moves.ShouldBeEmpty();
        deposed.IsCoordinator.ShouldBeFalse();
        (await rig.Store.ReadAllAsync(CancellationToken.None)).ShouldAllBe(r => r.DesiredOwner == null);
    }

    private static void AssertNoShardServedTwice(ClusterRig rig, RigNode[] nodes)
    {
        for (var shard = 0; shard < rig.NumShards; shard++)
        {
            nodes.Count(n => n.Serves(shard)).ShouldBeLessThanOrEqualTo(1);
        }
    }

    /// <summary>Membership reads that let a test depose the coordinator between its lease check and its hint writes.</summary>
    private sealed class DeposingMembers(IMembershipStore inner, Func<Task> depose) : IMembershipStore
    {
        public bool DeposeOnNextRead { get; set; }

        public async Task<MembershipSnapshot> ReadAsync(CancellationToken cancellationToken)
        {
            if (DeposeOnNextRead)
            {
                DeposeOnNextRead = false;
                await depose();
            }

            return await inner.ReadAsync(cancellationToken);
        }

        public Task<bool> TryWriteAsync(MemberRow row, long expectedVersion, CancellationToken cancellationToken) => inner.TryWriteAsync(row, expectedVersion, cancellationToken);

        public Task UpdateIAmAliveAsync(NodeId node, CancellationToken cancellationToken) => inner.UpdateIAmAliveAsync(node, cancellationToken);

        public Task<DateTimeOffset> DatabaseNowAsync(CancellationToken cancellationToken) => inner.DatabaseNowAsync(cancellationToken);
    }
}
