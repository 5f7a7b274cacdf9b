using ActorTrust.Core.Federation;
using ActorTrust.Core.Federation.Governance;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

public sealed class GovernanceTests
{
    private static readonly FederationActor Scanner = FederationActor.System("scanner");

    private static RaiseFinding Hard(FederationPolicy? policy = null) => new(FindingKind.CapabilityDrift, "serves kinds it never declared", policy ?? Policy, Scanner);

    private static RaiseFinding Soft() => new(FindingKind.ResidencyMissing, "no residency", Policy, Scanner);

    [Fact]
    public void The_configured_number_of_hard_findings_within_the_window_suspends_the_peer_in_the_same_batch()
    {
        var run = PeerRun.In(PeerStatus.Active);
        run.Apply(Hard()).ShouldHaveSingleItem();
        run.Advance(TimeSpan.FromHours(1)).Apply(Hard()).ShouldHaveSingleItem();

        var third = run.Advance(TimeSpan.FromHours(1)).Apply(Hard());

        third[0].ShouldBeOfType<FindingRaised>().Number.ShouldBe(3);
        var suspended = third[1].ShouldBeOfType<PeerSuspended>();
        (suspended.Cause, suspended.Actor).ShouldBe((SuspensionCause.Governance, AutoSuspension.Actor));
        suspended.FindingNumbers.ShouldBe([1, 2, 3]);
        run.Status.ShouldBe(PeerStatus.Suspended);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 5)]
    public void The_threshold_is_configurable(int threshold, int findingsUntilSuspended)
    {
        var run = PeerRun.In(PeerStatus.Active);
        var policy = Policy with { HardFindingsToSuspend = threshold };

        var raised = 0;
        while (run.Status == PeerStatus.Active)
        {
            run.Apply(Hard(policy));
            raised++;
        }

        raised.ShouldBe(findingsUntilSuspended);
    }

    [Fact]
    public void Findings_older_than_the_window_do_not_count()
    {
        var run = PeerRun.In(PeerStatus.Active);
        run.Apply(Hard());
        run.Apply(Hard());

        run.Advance(Policy.FindingWindow).Apply(Hard()).ShouldHaveSingleItem();
        run.Status.ShouldBe(PeerStatus.Active);
        AutoSuspension.Counting(run.State, [], Policy, run.Clock).ShouldBe([3]);
    }

    [Fact]
    public void Soft_findings_never_suspend()
    {
        var run = PeerRun.In(PeerStatus.Active);
        for (var i = 0; i < 10; i++)
        {
            run.Apply(Soft());
        }

        run.Status.ShouldBe(PeerStatus.Active);
    }

    [Fact]
    public void Findings_before_a_reinstatement_no_longer_count_and_resolving_does_not_uncount()
    {
        var run = PeerRun.In(PeerStatus.Active);
        run.Apply(Hard());
        run.Apply(Hard());
        run.Apply(new ResolveFinding(1, "false positive: kinds list was stale", Operator)).ShouldHaveSingleItem().ShouldBeOfType<FindingCleared>();
        run.Apply(Hard()).OfType<PeerSuspended>().ShouldHaveSingleItem();

        run.Advance(TimeSpan.FromMinutes(1)).Apply(Reinstate());
        run.Advance(TimeSpan.FromMinutes(1)).Apply(Hard()).ShouldHaveSingleItem();

        run.Status.ShouldBe(PeerStatus.Accepted);
    }

    [Fact]
    public void Disclosing_a_compromise_suspends_at_once()
    {
        var run = PeerRun.In(PeerStatus.Active);

        var events = run.Apply(Disclose(detectedAt: run.Clock.AddHours(-2)));

        events[0].ShouldBeOfType<PeerCompromiseDisclosed>().DisclosedWithinDeadline.ShouldBeTrue();
        events[1].ShouldBeOfType<PeerSuspended>().Cause.ShouldBe(SuspensionCause.CompromiseDisclosed);
        run.Status.ShouldBe(PeerStatus.Suspended);
        run.State.Compromise.ShouldBe(events[0]);
    }

    [Fact]
    public void A_disclosure_later_than_24_hours_after_detection_is_marked_late()
    {
        var run = PeerRun.In(PeerStatus.Degraded);

        run.Apply(Disclose(detectedAt: run.Clock - PeerLifecycle.CompromiseDisclosureDeadline - TimeSpan.FromMinutes(1)))
            .OfType<PeerCompromiseDisclosed>().Single().DisclosedWithinDeadline.ShouldBeFalse();
        PeerRun.In(PeerStatus.Active).When(Disclose(detectedAt: Now.AddDays(1))).ShouldBeRejectedWith(CommandInvalid);
    }

    [Fact]
    public void An_operator_may_record_an_out_of_band_disclosure()
    {
        var run = PeerRun.In(PeerStatus.Enrolled);

        run.Apply(Disclose() with { Actor = Operator }).OfType<PeerSuspended>().Single().Actor.ShouldBe(Operator);
    }

    [Fact]
    public void Findings_are_numbered_in_order_and_resolving_needs_an_existing_finding()
    {
        var run = PeerRun.In(PeerStatus.Active);
        run.Apply(Soft());
        run.Apply(Soft());

        run.State.Findings.Select(f => f.Raised.Number).ShouldBe([1, 2]);
        run.When(new ResolveFinding(3, "x", Operator)).ShouldBeRejectedWith(FindingNotFound);
        run.Apply(new ResolveFinding(2, "reviewed", Operator));
        run.When(new ResolveFinding(2, "again", Operator)).ShouldBeAccepted().ShouldBeEmpty();
        run.When(new ResolveFinding(1, "x", Scanner)).ShouldBeRejectedWith(ActorNotAuthorized);
    }

    [Fact]
    public void Operators_without_federator_and_peers_cannot_raise_or_suspend()
    {
        var run = PeerRun.In(PeerStatus.Active);

        run.When(Suspend() with { Actor = Auditor }).ShouldBeRejectedWith(ActorNotAuthorized);
        run.When(Hard() with { Actor = Peer }).ShouldBeRejectedWith(ActorNotAuthorized);
        run.When(CheckLiveness() with { Actor = Operator }).ShouldBeRejectedWith(ActorNotAuthorized);
    }
}
