using ActorTrust.Core.Federation;
using ActorTrust.Core.Federation.Governance;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

public sealed class HandshakeTests
{
    [Fact]
    public void Enrolment_records_disclosure_capabilities_and_the_compatibility_verdict()
    {
        var run = PeerRun.In(PeerStatus.Accepted);

        var enrolled = run.Apply(Enroll()).ShouldHaveSingleItem().ShouldBeOfType<PeerEnrolled>();

        enrolled.Handshake.Disclosure.ShouldBe(Disclosure);
        enrolled.Handshake.Capabilities.ShouldBe(Capabilities);
        enrolled.Handshake.Compatibility.ShouldBe(new CompatibilityVerdict("1.4.2", "1.4.0", true, CompatibilityRule.NMinusOne, "same release line"));
        run.State.Handshakes.ShouldBe([run.Clock]);
    }

    [Theory]
    [InlineData("operator_contact")]
    [InlineData("jurisdiction")]
    [InlineData("platform_version")]
    [InlineData("last_known_good_release_tag")]
    public void An_anonymous_peer_never_enrols(string missing)
    {
        var disclosure = missing switch
        {
            "operator_contact" => Disclosure with { OperatorContact = null },
            "jurisdiction" => Disclosure with { Jurisdiction = null },
            "platform_version" => Disclosure with { PlatformVersion = null },
            _ => Disclosure with { LastKnownGoodReleaseTag = null },
        };
        var run = PeerRun.In(PeerStatus.Accepted);

        var refused = run.When(Enroll(Offer with { Disclosure = disclosure }));

        refused.ShouldBeRejectedWith(IdentityDisclosureIncomplete);
        refused.Rejection!.Message.ShouldContain(missing);
    }

    [Fact]
    public void Enrolment_without_declared_capabilities_is_refused()
    {
        PeerRun.In(PeerStatus.Accepted).When(Enroll(Offer with { Capabilities = new([]) })).ShouldBeRejectedWith(CapabilitiesNotDeclared);
        PeerRun.In(PeerStatus.Accepted).When(Enroll(Offer with { Capabilities = new([new("workflow", [], [])]) })).ShouldBeRejectedWith(CommandInvalid);
    }

    [Theory]
    [InlineData("1.2.0", "minor versions 4 and 2 are 2 apart")]
    [InlineData("2.4.0", "major version 2 differs")]
    [InlineData("v1.4", "not a semantic version")]
    public void An_incompatible_platform_version_is_refused_at_the_handshake_with_the_reason_and_recorded(string theirs, string reason)
    {
        var run = PeerRun.In(PeerStatus.Accepted);

        var refused = run.Record(Enroll(Offer with { Disclosure = Disclosure with { PlatformVersion = theirs } }));

        refused.Rejection!.Code.ShouldBe(PlatformVersionIncompatible);
        refused.Rejection.Message.ShouldContain(reason);
        refused.Events.ShouldHaveSingleItem().ShouldBeOfType<PeerCommandRefused>().Command.ShouldBe("enroll_peer");
        run.Status.ShouldBe(PeerStatus.Accepted);
    }

    [Fact]
    public void An_operator_override_lets_an_otherwise_incompatible_peer_enrol()
    {
        var policy = Policy with { CompatibilityOverrides = [new("1.4", "1.2", true, "1.2 runs the 1.3 protocol")] };

        var enrolled = PeerRun.In(PeerStatus.Accepted).Apply(Enroll(Offer with { Disclosure = Disclosure with { PlatformVersion = "1.2.9" } }, policy));

        enrolled.OfType<PeerEnrolled>().Single().Handshake.Compatibility.Rule.ShouldBe(CompatibilityRule.Override);
    }

    [Fact]
    public void Re_handshakes_beyond_the_limit_in_the_window_are_refused_recorded_and_raise_flooding()
    {
        var run = PeerRun.In(PeerStatus.Active);
        run.Advance(TimeSpan.FromMinutes(1)).Apply(Rehandshake());
        run.Advance(TimeSpan.FromMinutes(1)).Apply(Rehandshake());

        var refused = run.Advance(TimeSpan.FromMinutes(1)).Record(Rehandshake());

        refused.Rejection!.Code.ShouldBe(HandshakeRateLimited);
        refused.Events[0].ShouldBeOfType<PeerCommandRefused>();
        var finding = refused.Events[1].ShouldBeOfType<FindingRaised>();
        (finding.Kind, finding.Norm, finding.Severity, finding.Commitment).ShouldBe((FindingKind.HandshakeFlooding, NormClass.Hard, FindingSeverity.High, 6));
        run.State.Handshakes.Count.ShouldBe(3);
    }

    [Fact]
    public void The_handshake_window_slides_with_command_time()
    {
        var run = PeerRun.In(PeerStatus.Active);
        var enrolledAt = run.State.HandshakeAt!.Value;
        run.Apply(Rehandshake());
        run.Apply(Rehandshake());
        run.When(Rehandshake()).Rejection!.Code.ShouldBe(HandshakeRateLimited);

        run.Advance(enrolledAt + Policy.HandshakeWindow - run.Clock);

        run.When(Rehandshake()).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void Re_handshaking_renews_the_declaration_and_clears_drift_findings()
    {
        var run = PeerRun.In(PeerStatus.Active);
        var served = new CapabilityDeclaration([.. Capabilities.Resources, new ResourceCapability("secret", ["1"], [])]);
        run.Apply(Heartbeat(capabilities: served)).OfType<FindingRaised>().Single().Kind.ShouldBe(FindingKind.CapabilityDrift);

        var renewed = run.Apply(Rehandshake(Offer with { Capabilities = served }));

        renewed[0].ShouldBeOfType<PeerHandshakeRenewed>();
        renewed.OfType<FindingCleared>().ShouldHaveSingleItem();
        run.State.Handshake!.Capabilities.ShouldBe(served);
        run.Apply(Heartbeat(capabilities: served)).OfType<FindingRaised>().ShouldBeEmpty();
    }

    [Fact]
    public void Handshakes_need_a_federating_peer_or_an_accepted_one_to_enrol()
    {
        PeerRun.In(PeerStatus.Proposed).When(Rehandshake()).ShouldBeRejectedWith(PeerNotFederating);
        PeerRun.In(PeerStatus.Suspended).When(Rehandshake()).ShouldBeRejectedWith(PeerNotFederating);
        PeerRun.In(PeerStatus.Active).When(Enroll()).ShouldBeRejectedWith(TransitionNotAllowed);
    }

    [Fact]
    public void A_missing_data_residency_is_a_soft_finding_cleared_once_declared()
    {
        var run = PeerRun.In(PeerStatus.Accepted);

        var finding = run.Apply(Enroll(Offer with { Disclosure = Disclosure with { DataResidency = null } })).OfType<FindingRaised>().Single();
        (finding.Kind, finding.Norm, finding.Severity).ShouldBe((FindingKind.ResidencyMissing, NormClass.Soft, FindingSeverity.Low));

        run.Apply(Heartbeat(Disclosure with { DataResidency = null })).OfType<FindingRaised>().ShouldBeEmpty();
        run.Apply(Heartbeat()).OfType<FindingCleared>().Single().Number.ShouldBe(finding.Number);
    }
}
