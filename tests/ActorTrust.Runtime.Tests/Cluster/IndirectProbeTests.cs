using ActorTrust.Runtime.Cluster;
using ActorTrust.TestKit.Cluster;
using ActorTrust.TestKit.Time;

namespace ActorTrust.Runtime.Tests.Cluster;

/// <summary>The membership round's indirect probes (engines.md §5.1), driven round by round on a manual clock.</summary>
public sealed class IndirectProbeTests
{
    [Fact]
    public async Task A_member_unreachable_directly_but_reached_through_another_member_gets_no_vote()
    {
        await using var rig = new ClusterRig();
        var (a, b, c) = (await rig.StartedNode(), await rig.StartedNode(), await rig.StartedNode());
        rig.Probes.Blackhole(a.Id, c.Id);

        await a.MembershipRounds(3);

        rig.Store.Member(c.Id)!.SuspectVotes.ShouldBeEmpty();
        rig.Probes.IndirectAsks.ShouldBe([new IndirectAsk(a.Id, b.Id, c.Id)]);
        a.Cluster.Membership.IndirectProbeSaves.ShouldBe(1);
    }

    [Fact]
    public async Task A_member_no_intermediary_reaches_either_is_voted_suspect()
    {
        await using var rig = new ClusterRig();
        var (a, b, c) = (await rig.StartedNode(), await rig.StartedNode(), await rig.StartedNode());
        rig.Probes.Down(c.Id);

        await a.MembershipRounds(3);

        rig.Probes.IndirectAsks.ShouldBe([new IndirectAsk(a.Id, b.Id, c.Id)]);
        rig.Store.Member(c.Id)!.SuspectVotes.Select(v => v.Voter).ShouldBe([a.Name]);
        a.Cluster.Membership.IndirectProbeSaves.ShouldBe(0);
    }

    [Fact]
    public async Task After_an_indirect_save_the_misses_start_again_from_zero()
    {
        await using var rig = new ClusterRig();
        var (a, _, c) = (await rig.StartedNode(), await rig.StartedNode(), await rig.StartedNode());
        rig.Probes.Blackhole(a.Id, c.Id);
        await a.MembershipRounds(3);

        await a.MembershipRounds(2);
        rig.Probes.IndirectAsks.Count.ShouldBe(1); // two misses since the save: under the limit, nobody asked
        await a.MembershipRounds(1);

        rig.Probes.IndirectAsks.Count.ShouldBe(2);
        rig.Store.Member(c.Id)!.SuspectVotes.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_intermediary_that_does_not_answer_counts_for_nothing_and_the_vote_is_cast()
    {
        await using var rig = new ClusterRig();
        var (a, b, c) = (await rig.StartedNode(), await rig.StartedNode(), await rig.StartedNode());
        rig.Probes.Blackhole(a.Id, c.Id);
        rig.Probes.Silence(b.Id);

        await a.MembershipRounds(3);

        rig.Probes.IndirectAsks.ShouldBe([new IndirectAsk(a.Id, b.Id, c.Id)]);
        rig.Store.Member(c.Id)!.SuspectVotes.Select(v => v.Voter).ShouldBe([a.Name]);
    }

    [Fact]
    public async Task One_intermediary_that_reaches_the_target_outweighs_one_that_does_not_answer()
    {
        await using var rig = new ClusterRig();
        var (a, b, c, d) = (await rig.StartedNode(), await rig.StartedNode(), await rig.StartedNode(), await rig.StartedNode());
        rig.Probes.Blackhole(a.Id, d.Id);
        rig.Probes.Silence(b.Id);

        await a.MembershipRounds(3);

        rig.Probes.IndirectAsks.Select(x => x.Via).ShouldBe([b.Id, c.Id], ignoreOrder: true); // the default asks two
        rig.Store.Member(d.Id)!.SuspectVotes.ShouldBeEmpty();
    }

    [Fact]
    public async Task With_indirect_probes_set_to_zero_nobody_is_asked_and_the_vote_is_cast()
    {
        await using var rig = new ClusterRig(options: new ClusterOptions { IndirectProbes = 0 });
        var (a, _, c) = (await rig.StartedNode(), await rig.StartedNode(), await rig.StartedNode());
        rig.Probes.Blackhole(a.Id, c.Id);

        await a.MembershipRounds(3);

        rig.Probes.IndirectAsks.ShouldBeEmpty();
        rig.Store.Member(c.Id)!.SuspectVotes.Select(v => v.Voter).ShouldBe([a.Name]);
    }

    [Fact]
    public async Task A_node_whose_own_health_is_degraded_neither_asks_nor_votes()
    {
        await using var rig = new ClusterRig();
        var (a, _, c) = (await rig.StartedNode(), await rig.StartedNode(), await rig.StartedNode());
        rig.Probes.Down(c.Id);
        a.Cluster.Membership.Health.Observe(TimeSpan.FromSeconds(5));

        await a.MembershipRounds(3);

        rig.Probes.IndirectAsks.ShouldBeEmpty();
        rig.Store.Member(c.Id)!.SuspectVotes.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_node_written_dead_while_its_round_runs_casts_no_vote()
    {
        await using var rig = new ClusterRig();
        var (a, b, _) = (await rig.StartedNode(), await rig.StartedNode(), await rig.StartedNode());
        rig.Probes.Down(b.Id);
        await a.MembershipRounds(2);
        rig.Probes.OnIndirectAsk = async _ =>
        {
            var row = rig.Store.Member(a.Id)!;
            (await rig.Store.TryWriteAsync(row with { Status = MemberStatus.Dead }, rig.Store.Version, CancellationToken.None)).ShouldBeTrue();
        };

        await a.MembershipRound(); // the third miss: a asks c, and meanwhile the others write a Dead

        rig.Store.Member(b.Id)!.SuspectVotes.ShouldBeEmpty();
        rig.Store.Member(b.Id)!.Status.ShouldBe(MemberStatus.Active); // with a Dead, one vote would have been enough
    }

    [Fact]
    public void Intermediaries_are_active_members_other_than_self_the_target_and_other_suspects_up_to_the_count()
    {
        var time = new ManualTimeProvider();
        var nodes = Enumerable.Range(1, 6).Select(i => new NodeId("127.0.0.1", 7000 + i, 1)).ToList();
        MemberRow Row(NodeId node, MemberStatus status) => new(node, $"http://{node.Endpoint}", status, [], "1", time.GetUtcNow(), time.GetUtcNow());
        var snapshot = new MembershipSnapshot(1, [
            Row(nodes[0], MemberStatus.Active), Row(nodes[1], MemberStatus.Active), Row(nodes[2], MemberStatus.Active),
            Row(nodes[3], MemberStatus.Joining), Row(nodes[4], MemberStatus.Dead), Row(nodes[5], MemberStatus.Active)]);
        var random = new Random(7);

        var all = MembershipService.Intermediaries(snapshot, nodes[0], nodes[1], [nodes[1], nodes[5]], 16, random);
        var one = MembershipService.Intermediaries(snapshot, nodes[0], nodes[1], [], 1, random);

        all.ShouldBe([nodes[2]]);
        one.Count.ShouldBe(1);
        one[0].ShouldBeOneOf(nodes[2], nodes[5]);
    }

    [Fact]
    public void Intermediaries_are_chosen_at_random()
    {
        var time = new ManualTimeProvider();
        var nodes = Enumerable.Range(1, 5).Select(i => new NodeId("127.0.0.1", 7000 + i, 1)).ToList();
        var snapshot = new MembershipSnapshot(1, [.. nodes.Select(n => new MemberRow(n, $"http://{n.Endpoint}", MemberStatus.Active, [], "1", time.GetUtcNow(), time.GetUtcNow()))]);
        var random = new Random(11);

        var chosen = Enumerable.Range(0, 60).Select(_ => MembershipService.Intermediaries(snapshot, nodes[0], nodes[1], [], 1, random).Single()).ToHashSet();

        chosen.ShouldBe(new HashSet<NodeId> { nodes[2], nodes[3], nodes[4] }, ignoreOrder: true);
    }

    [Fact]
    public void Indirect_probes_outside_zero_to_sixteen_are_refused_by_name()
    {
        Should.Throw<ArgumentException>(() => new ClusterOptions { IndirectProbes = -1 }.Validate()).Message.ShouldContain("indirect-probes");
        Should.Throw<ArgumentException>(() => new ClusterOptions { IndirectProbes = 17 }.Validate()).Message.ShouldContain("indirect-probes");
    }
}
