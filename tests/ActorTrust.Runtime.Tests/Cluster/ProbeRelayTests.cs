using ActorTrust.Runtime.Cluster;
using ActorTrust.TestKit.Cluster;
using ActorTrust.TestKit.Time;

namespace ActorTrust.Runtime.Tests.Cluster;

/// <summary>The intermediary's side of an indirect probe: only live members, never longer than its own probe timeout.</summary>
public sealed class ProbeRelayTests
{
    private static readonly NodeId Self = new("127.0.0.1", 7001, 1);
    private static readonly NodeId Member = new("127.0.0.1", 7002, 1);
    private static readonly NodeId Gone = new("127.0.0.1", 7003, 1);

    [Fact]
    public async Task A_live_member_that_answers_is_reported_reached()
    {
        var time = new ManualTimeProvider();
        var probes = new InMemoryProbeNetwork();
        probes.Up(Member);
        var relay = new ProbeRelay(probes.ProbeFrom(Self), View(time), TimeSpan.FromSeconds(1), time);

        (await relay.ProbeAsync(Member, TimeSpan.FromSeconds(1), CancellationToken.None)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_probe_for_another_node_ends_at_the_relays_own_probe_timeout_whatever_the_asker_allows()
    {
        var time = new ManualTimeProvider();
        var hub = new InMemoryTransportHub(time);
        hub.Blackhole(Self, Member, LinkDirection.Both); // the probe waits until its deadline
        var relay = new ProbeRelay(hub.ProbeFor(Self), View(time), TimeSpan.FromSeconds(1), time);

        var probing = relay.ProbeAsync(Member, TimeSpan.FromMinutes(1), CancellationToken.None);
        probing.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));

        (await probing.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_target_that_is_dead_or_unknown_or_a_timeout_that_is_not_positive_is_refused()
    {
        var time = new ManualTimeProvider();
        var probes = new InMemoryProbeNetwork();
        probes.Up(Member);
        probes.Up(Gone);
        var relay = new ProbeRelay(probes.ProbeFrom(Self), View(time), TimeSpan.FromSeconds(1), time);

        relay.MayProbe(Gone).ShouldBeFalse();
        relay.MayProbe(new NodeId("127.0.0.9", 22, 1)).ShouldBeFalse();
        relay.MayProbe(Member).ShouldBeTrue();
        (await Should.ThrowAsync<ArgumentException>(() => relay.ProbeAsync(Gone, TimeSpan.FromSeconds(1), CancellationToken.None))).Message.ShouldContain("not a live member");
        await Should.ThrowAsync<ArgumentException>(() => relay.ProbeAsync(Member, TimeSpan.Zero, CancellationToken.None));
    }

    private static StaticView View(TimeProvider time)
    {
        MemberRow Row(NodeId node, MemberStatus status) => new(node, $"http://{node.Endpoint}", status, [], "1", time.GetUtcNow(), time.GetUtcNow());
        return new StaticView(new MembershipSnapshot(1, [Row(Self, MemberStatus.Active), Row(Member, MemberStatus.Active), Row(Gone, MemberStatus.Dead)]));
    }

    private sealed class StaticView(MembershipSnapshot snapshot) : IMembershipView
    {
        public MembershipSnapshot Current => snapshot;

        public bool SelfActive => true;
    }
}
