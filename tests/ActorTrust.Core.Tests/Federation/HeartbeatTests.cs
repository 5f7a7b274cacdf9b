using ActorTrust.Core.Federation.Governance;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

public sealed class HeartbeatTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void An_active_peer_is_degraded_exactly_five_minutes_after_its_last_heartbeat()
    {
        var run = PeerRun.In(PeerStatus.Active);
        var lastBeat = run.Clock;

        run.Advance(PeerLiveness.StaleAfter - Millisecond).When(CheckLiveness()).ShouldBeAccepted().ShouldBeEmpty();
        var events = run.Advance(Millisecond).Apply(CheckLiveness());

        events[0].ShouldBe(new PeerDegraded(lastBeat, $"no heartbeat since {lastBeat:O}", Liveness, run.Clock));
        var stale = events[1].ShouldBeOfType<FindingRaised>();
        (stale.Kind, stale.Norm).ShouldBe((FindingKind.HeartbeatStale, NormClass.Soft));
        run.Status.ShouldBe(PeerStatus.Degraded);
    }

    [Fact]
    public void Every_heartbeat_restarts_the_staleness_clock()
    {
        var run = PeerRun.In(PeerStatus.Active);
        for (var i = 0; i < 5; i++)
        {
            run.Advance(TimeSpan.FromMinutes(4)).When(CheckLiveness()).ShouldBeAccepted().ShouldBeEmpty();
            run.Apply(Heartbeat());
        }

        run.Advance(TimeSpan.FromMinutes(4)).When(CheckLiveness()).ShouldBeAccepted().ShouldBeEmpty();
        run.Advance(TimeSpan.FromMinutes(1)).Apply(CheckLiveness()).OfType<PeerDegraded>().ShouldHaveSingleItem();
    }

    [Fact]
    public void Re_handshakes_are_not_heartbeats()
    {
        var run = PeerRun.In(PeerStatus.Active);

        run.Advance(TimeSpan.FromMinutes(4)).Apply(Rehandshake());

        run.Advance(TimeSpan.FromMinutes(1)).Apply(CheckLiveness()).OfType<PeerDegraded>().ShouldHaveSingleItem();
    }

    [Fact]
    public void A_heartbeat_on_a_degraded_peer_makes_it_active_and_clears_the_stale_finding()
    {
        var run = PeerRun.In(PeerStatus.Degraded);

        var events = run.Advance(TimeSpan.FromMinutes(10)).Apply(Heartbeat());

        events[0].ShouldBeOfType<PeerHeartbeatRecorded>();
        events[1].ShouldBeOfType<PeerActivated>();
        events[2].ShouldBeOfType<FindingCleared>().Reason.ShouldBe("heartbeat received");
        run.Status.ShouldBe(PeerStatus.Active);
        run.State.LastHeartbeatAt.ShouldBe(run.Clock);
    }

    [Fact]
    public void Liveness_raises_stale_once_for_an_enrolled_peer_that_never_heartbeat_and_leaves_others_alone()
    {
        var enrolled = PeerRun.In(PeerStatus.Enrolled).Advance(PeerLiveness.StaleAfter);
        enrolled.Apply(CheckLiveness()).ShouldHaveSingleItem().ShouldBeOfType<FindingRaised>();
        enrolled.Advance(TimeSpan.FromHours(1)).Apply(CheckLiveness()).ShouldBeEmpty();
        enrolled.Status.ShouldBe(PeerStatus.Enrolled);

        PeerRun.In(PeerStatus.Degraded).Advance(TimeSpan.FromHours(1)).When(CheckLiveness()).ShouldBeAccepted().ShouldBeEmpty();
        PeerRun.In(PeerStatus.Suspended).Advance(TimeSpan.FromHours(1)).When(CheckLiveness()).ShouldBeAccepted().ShouldBeEmpty();
    }

    [Fact]
    public void Heartbeats_update_the_disclosure_metadata()
    {
        var run = PeerRun.In(PeerStatus.Active);
        var moved = Disclosure with { OperatorContact = "noc@peer-b.example", LastKnownGoodReleaseTag = "v1.4.1" };

        run.Apply(Heartbeat(moved));

        run.State.Disclosure.ShouldBe(moved);
        run.State.Handshake!.Disclosure.ShouldBe(Disclosure);
    }

    [Fact]
    public void Advertising_another_contract_version_raises_one_hard_finding_until_it_matches_again()
    {
        var run = PeerRun.In(PeerStatus.Active);

        var raised = run.Apply(Heartbeat(contractVersion: 2)).OfType<FindingRaised>().Single();
        run.Apply(Heartbeat(contractVersion: 2)).OfType<FindingRaised>().ShouldBeEmpty();
        var cleared = run.Apply(Heartbeat()).OfType<FindingCleared>().Single();

        (raised.Kind, raised.Norm, raised.Commitment).ShouldBe((FindingKind.ContractVersionMismatch, NormClass.Hard, 12));
        cleared.Number.ShouldBe(raised.Number);
        run.State.OpenFinding(FindingKind.ContractVersionMismatch).ShouldBeNull();
    }

    [Fact]
    public void Advertised_capabilities_are_held_against_the_declaration()
    {
        CapabilityDeclaration extraKind = new([.. Capabilities.Resources, new ResourceCapability("secrets", ["1"], [])]);
        CapabilityDeclaration otherPredicates = new([Capabilities.Resources[0] with { FilterPredicates = [] }, Capabilities.Resources[1]]);
        CapabilityDeclaration otherSchemas = new([Capabilities.Resources[0] with { SchemaVersions = ["5"] }, Capabilities.Resources[1]]);

        Kinds(Heartbeat(capabilities: extraKind)).ShouldBe([FindingKind.CapabilityDrift]);
        Kinds(Heartbeat(capabilities: otherPredicates)).ShouldBe([FindingKind.CapabilityDrift]);
        Kinds(Heartbeat(capabilities: otherSchemas)).ShouldBe([FindingKind.SchemaDrift]);
        Kinds(Heartbeat(Disclosure with { PlatformVersion = "1.5.0" })).ShouldBe([FindingKind.SchemaDrift]);
        Kinds(Heartbeat(capabilities: new([Capabilities.Resources[1], Capabilities.Resources[0]]))).ShouldBeEmpty();
    }

    [Fact]
    public void Heartbeats_are_refused_before_enrolment_while_suspended_or_without_full_disclosure()
    {
        PeerRun.In(PeerStatus.Accepted).When(Heartbeat()).ShouldBeRejectedWith(PeerNotFederating);
        PeerRun.In(PeerStatus.Suspended).When(Heartbeat()).ShouldBeRejectedWith(PeerNotFederating);
        PeerRun.In(PeerStatus.Active).When(Heartbeat(Disclosure with { Jurisdiction = null })).ShouldBeRejectedWith(IdentityDisclosureIncomplete);
        PeerRun.In(PeerStatus.Active).When(Heartbeat(contractVersion: 0)).ShouldBeRejectedWith(CommandInvalid);
    }

    [Fact]
    public void A_heartbeat_signed_by_another_key_is_refused_and_recorded()
    {
        var run = PeerRun.In(PeerStatus.Active);
        var lastBeat = run.State.LastHeartbeatAt;

        var refused = run.Advance(TimeSpan.FromMinutes(1)).Record(Heartbeat() with { Actor = Impostor });

        refused.Rejection!.Code.ShouldBe(PeerKeyMismatch);
        refused.Events.ShouldHaveSingleItem().ShouldBeOfType<PeerCommandRefused>().Command.ShouldBe("record_heartbeat");
        run.State.LastHeartbeatAt.ShouldBe(lastBeat);
    }

    private static FindingKind[] Kinds(RecordHeartbeat heartbeat) => [.. PeerRun.In(PeerStatus.Active).Apply(heartbeat).OfType<FindingRaised>().Select(f => f.Kind)];
}
