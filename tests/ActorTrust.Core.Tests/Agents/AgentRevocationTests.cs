using ActorTrust.Core.Agents;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Envelopes;
using static ActorTrust.Core.Agents.AgentRejectionCodes;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;

using ActorTrust.TestKit.Entities;

namespace ActorTrust.Core.Tests.Agents;

public sealed class AgentRevocationTests
{
    private static RevokeAgent Revoke(AgentRevocation revocation, params int[] signers) => new(SignRevocation(revocation, signers), Authority);

    [Fact]
    public void Auditor_revocation_revokes_the_agent()
    {
        var spec = Registered(out _);

        var revoked = spec.When(Revoke(Revocation(), Auditor), Now).ShouldEmitSingle<AgentEvent, AgentRevoked>();

        revoked.RevokerKeyId.ShouldBe(KeyId(Auditor));
        revoked.Revocation.Reason.ShouldBe("key compromise suspected");
        revoked.Authority.ShouldBe(Authority.Reference);
    }

    [Fact]
    public void Revoked_agent_has_no_binding_and_revokes_all_its_manifests()
    {
        var spec = Registered(out _);
        spec.Apply(Revoke(Revocation(), Auditor), Now);

        spec.State.Status.ShouldBe(AgentStatus.Revoked);
        spec.State.Binding.ShouldBeNull();
        spec.State.Revocations.ManifestIds.ShouldBe(["m-1"]);
        spec.State.Revocations.AgentIds.ShouldBe([AgentId]);
    }

    [Fact]
    public void Another_publisher_than_the_issuing_key_may_revoke()
    {
        Registered(out _).When(Revoke(Revocation(), OtherPublisher), Now).ShouldEmitSingle<AgentEvent, AgentRevoked>()
            .RevokerKeyId.ShouldBe(KeyId(OtherPublisher));
    }

    [Fact]
    public void Revocation_by_the_issuing_key_is_refused()
    {
        Registered(out _).When(Revoke(Revocation(), Publisher), Now).ShouldBeRejectedWith(RevokerIsIssuer);
    }

    [Fact]
    public void Revocation_by_a_key_without_publisher_or_auditor_is_refused()
    {
        Registered(out _).When(Revoke(Revocation(), Executor), Now).ShouldBeRejectedWith(RevokerNotAuthorised);
    }

    [Fact]
    public void Revocation_signed_by_a_stranger_is_refused()
    {
        Registered(out _).When(Revoke(Revocation(), Outsider), Now).ShouldBeRejectedWith(RevocationSignatureInvalid);
    }

    [Fact]
    public void Revoking_an_unregistered_agent_is_refused()
    {
        Spec().When(Revoke(Revocation(), Auditor), Now).ShouldBeRejectedWith(AgentNotFound);
    }

    [Fact]
    public void Resubmitting_the_accepted_revocation_emits_nothing_and_another_is_refused()
    {
        var spec = Registered(out _);
        spec.Apply(Revoke(Revocation(), Auditor), Now);

        spec.When(Revoke(Revocation(), Auditor), Now).ShouldBeAccepted().ShouldBeEmpty();
        spec.When(Revoke(Revocation(reason: "again"), Auditor), Now).ShouldBeRejectedWith(AlreadyRevoked);
    }

    [Fact]
    public void Revocation_naming_another_manifest_is_refused()
    {
        Registered(out _).When(Revoke(Revocation("m-0"), Auditor), Now).ShouldBeRejectedWith(RevocationManifestMismatch);
    }

    [Fact]
    public void Revocation_for_another_agent_is_refused()
    {
        var other = Revocation() with { AgentId = SpiffeId.Parse("spiffe://factory.example/agent/other") };

        Registered(out _).When(Revoke(other, Auditor), Now).ShouldBeRejectedWith(AgentIdMismatch);
    }

    [Fact]
    public void Revocation_dated_beyond_the_clock_skew_is_refused()
    {
        var future = Now + AgentManifestVerifier.AllowedClockSkew + TimeSpan.FromSeconds(1);

        Registered(out _).When(Revoke(Revocation(revokedAt: future), Auditor), Now).ShouldBeRejectedWith(RevocationInFuture);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"payload\":\"e30=\",\"payloadType\":\"x\",\"signatures\":[]}")]
    public void Unreadable_revocation_envelope_is_refused(string envelope)
    {
        Registered(out _).When(new RevokeAgent(envelope, Authority), Now).ShouldBeRejectedWith(RevocationMalformed);
    }

    [Fact]
    public void Revocation_with_a_blank_reason_or_unknown_member_is_refused()
    {
        var spec = Registered(out _);
        var extra = $$"""{"agent_id":"{{AgentId}}","extra":1,"manifest_id":"m-1","reason":"r","revoked_at":"2026-03-01T12:00:00+00:00"}""";

        spec.When(Revoke(Revocation(reason: " "), Auditor), Now).ShouldBeRejectedWith(RevocationMalformed);
        spec.When(new RevokeAgent(SignRaw(PayloadTypes.AgentRevocation, extra, Auditor), Authority), Now).ShouldBeRejectedWith(RevocationMalformed);
    }

    [Fact]
    public void Revocation_envelope_of_another_payload_type_is_refused()
    {
        Registered(out _).When(new RevokeAgent(Sign(Manifest("m-2"), Auditor), Authority), Now).ShouldBeRejectedWith(PayloadTypeUnsupported);
    }

    [Fact]
    public void Revocation_checked_against_another_domain_or_no_authority_is_refused()
    {
        var spec = Registered(out _);
        var envelope = SignRevocation(Revocation(), Auditor);

        spec.When(new RevokeAgent(envelope, Authority with { DomainId = "other.example" }), Now).ShouldBeRejectedWith(AuthorityDomainMismatch);
        spec.When(new RevokeAgent(envelope, null), Now).ShouldBeRejectedWith(NoTrustedAuthority);
        spec.When(new RevokeAgent(envelope, Authority with { ExpiresAt = Now }), Now).ShouldBeRejectedWith(AuthorityExpired);
    }
}
