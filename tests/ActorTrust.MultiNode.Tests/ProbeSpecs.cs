using ActorTrust.Runtime.Cluster;
using ActorTrust.TestKit.MultiNode;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.MultiNode.Tests;

/// <summary>
/// Indirect probes and the failure-detector conductor (engines.md §5.1, §8.6): a broken link between two healthy
/// nodes kills neither, a lossy link kills nobody, a node cut off from everyone still dies, and one observer's
/// suspicion alone is not enough.
/// </summary>
public sealed class ProbeSpecs(MultiNodeFixture fixture) : MultiNodeSpec(fixture)
{
    [PostgresTheory]
    [InlineData(TestClusterTransport.Kestrel)]
    [InlineData(TestClusterTransport.InMemory)]
    public async Task A_node_one_peer_cannot_reach_but_a_third_can_is_not_declared_dead(TestClusterTransport transport)
    {
        var cluster = await StartClusterAsync(Options(transport, votesForDeath: 1)); // one vote would kill: only the indirect probe stands between
        var (a, b) = (cluster[0], cluster[1]);

        cluster.Blackhole(a, b);

        await cluster.WaitUntilAsync(() => a.Cluster.Membership.IndirectProbeSaves >= 2 && b.Cluster.Membership.IndirectProbeSaves >= 2,
            "A and B each reach the other through C twice", TimeSpan.FromSeconds(60));
        var members = await cluster.MembersAsync();
        members.Members.ShouldAllBe(m => m.Status == MemberStatus.Active && m.SuspectVotes.Count == 0);
        cluster.Nodes.ShouldAllBe(n => !n.Cluster.Exited.IsCompleted);
        await cluster.AuditAsync();
    }

    [PostgresFact]
    public async Task Without_indirect_probes_the_same_broken_link_declares_a_node_dead()
    {
        var cluster = await StartClusterAsync(Options(TestClusterTransport.InMemory, votesForDeath: 1, indirectProbes: 0));
        var (a, b, c) = (cluster[0], cluster[1], cluster[2]);

        cluster.Blackhole(a, b);

        await cluster.WaitUntilAsync(async () => (await cluster.MembersAsync()).Members.Any(m => (m.Node == a.Id || m.Node == b.Id) && m.Status == MemberStatus.Dead),
            "A or B is voted dead by the other");
        (await cluster.MembersAsync()).Find(c.Id)!.Status.ShouldBe(MemberStatus.Active);
    }

    [PostgresFact]
    public async Task A_node_blackholed_from_everyone_is_still_declared_dead_with_indirect_probes_on()
    {
        var cluster = await StartClusterAsync(Options(TestClusterTransport.InMemory, votesForDeath: 2));
        var (a, b, c) = (cluster[0], cluster[1], cluster[2]);

        cluster.Blackhole(a, b);
        cluster.Blackhole(a, c);

        await a.Cluster.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        var members = await cluster.MembersAsync();
        members.Find(a.Id)!.Status.ShouldBe(MemberStatus.Dead);
        members.Members.Where(m => m.Node != a.Id).ShouldAllBe(m => m.Status == MemberStatus.Active);
        await cluster.AuditAsync();
    }

    [PostgresTheory]
    [InlineData(TestClusterTransport.Kestrel)]
    [InlineData(TestClusterTransport.InMemory)]
    public async Task A_thirty_percent_drop_rate_between_two_nodes_declares_nobody_dead(TestClusterTransport transport)
    {
        var cluster = await StartClusterAsync(Options(transport, votesForDeath: 2));
        var (a, b) = (cluster[0], cluster[1]);

        cluster.DropRate(a, b, 0.3, seed: 1);
        cluster.DropRate(b, a, 0.3, seed: 2);

        await cluster.WaitUntilAsync(() => cluster.Hub.RequestsDropped >= 25, "25 requests between A and B are lost", TimeSpan.FromSeconds(90));
        var members = await cluster.MembersAsync();
        members.Members.ShouldAllBe(m => m.Status == MemberStatus.Active);
        cluster.Nodes.ShouldAllBe(n => !n.Cluster.Exited.IsCompleted);
        await cluster.AuditAsync();
    }

    [PostgresFact]
    public async Task A_node_marked_suspect_by_one_observer_alone_is_not_declared_dead()
    {
        var cluster = await StartClusterAsync(Options(TestClusterTransport.Kestrel, votesForDeath: 2));
        var (a, c) = (cluster[0], cluster[2]);

        TestCluster.MarkSuspect(a, c);

        var first = await VoteOfAsync(cluster, a, c, after: DateTimeOffset.MinValue);
        await VoteOfAsync(cluster, a, c, after: first.At + TimeSpan.FromSeconds(1)); // A keeps voting, round after round
        var row = (await cluster.MembersAsync()).Find(c.Id)!;
        row.Status.ShouldBe(MemberStatus.Active);
        row.SuspectVotes.Select(v => v.Voter).ShouldBe([a.Name]);
        c.Cluster.Exited.IsCompleted.ShouldBeFalse();
        await cluster.AuditAsync();
    }

    [PostgresFact]
    public async Task A_node_marked_suspect_by_two_observers_is_declared_dead()
    {
        var cluster = await StartClusterAsync(Options(TestClusterTransport.InMemory, votesForDeath: 2));
        var (a, b, c) = (cluster[0], cluster[1], cluster[2]);

        TestCluster.MarkSuspect(a, c);
        TestCluster.MarkSuspect(b, c);

        await c.Cluster.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        (await cluster.MembersAsync()).Find(c.Id)!.Status.ShouldBe(MemberStatus.Dead);
    }

    // Short probe rounds as every spec uses, with a probe timeout long enough that a loaded machine answers in time.
    private static TestClusterOptions Options(TestClusterTransport transport, int votesForDeath, int indirectProbes = 2) => new()
    {
        Transport = transport,
        Cluster = new TestClusterOptions().Cluster with
        {
            VotesForDeath = votesForDeath,
            IndirectProbes = indirectProbes,
            ProbeTimeout = TimeSpan.FromSeconds(1),
        },
    };

    private static async Task<SuspectVote> VoteOfAsync(TestCluster cluster, TestNode voter, TestNode target, DateTimeOffset after)
    {
        SuspectVote? vote = null;
        await cluster.WaitUntilAsync(async () =>
        {
            vote = (await cluster.MembersAsync()).Find(target.Id)?.SuspectVotes.FirstOrDefault(v => v.Voter == voter.Name && v.At > after);
            return vote is not null;
        }, $"{voter.Name} votes {target.Name} suspect after {after:O}");
        return vote!;
    }
}
