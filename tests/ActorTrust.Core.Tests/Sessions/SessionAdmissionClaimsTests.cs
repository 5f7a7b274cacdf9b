using ActorTrust.Core.Agents;
using ActorTrust.Core.Sessions;
using ActorTrust.Core.Tests.RuntimeManifests;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Sessions.SessionRejectionCodes;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;
using static ActorTrust.Core.Tests.Sessions.SessionFixtures;

namespace ActorTrust.Core.Tests.Sessions;

public sealed class SessionAdmissionClaimsTests
{
    private static readonly string DetachedClaims = SignClaims(Claims(transport: Transport with { PeerAuthPublicKey = TestSupport.TestKeys.Hex(OtherPeer) }), OtherPeer);
    private static readonly string InvalidClaims = SignClaims(Claims() with { Audience = "spiffe://elsewhere.example/node" });

    [Fact]
    public void Verified_claims_and_binding_admit_the_session_recording_every_input_digest_and_version_consulted()
    {
        var command = Open();

        var facts = Spec().When(command, Now).ShouldBeAdmitted().Facts;

        facts.SessionId.ToString().ShouldBe(SessionId);
        facts.Claims.Disposition.ShouldBe(ClaimsDisposition.Verified);
        facts.Claims.Detail.ShouldBeNull();
        facts.Claims.ClaimsDigest.ShouldNotBeNull();
        facts.Claims.Nonce.ShouldBe(Nonce);
        facts.Claims.RuntimeIdentityDigest.ShouldBe(RuntimeManifestFixtures.Cuda().IdentityDigest());
        facts.Claims.RuntimeManifestDigest.ShouldBe(RuntimeManifestFixtures.Cuda().ManifestDigest());
        facts.Claims.ClaimsProfileId.ShouldBe("profile.gpu-inference");
        facts.Claims.ProofPosture.ShouldBe(ProofPosture.ProofBearing);
        facts.Claims.Envelope.ShouldBe(command.ClaimsEnvelope);
        facts.Manifest!.AgentVersion.ShouldBe(1);
        facts.Manifest.Binding!.ManifestId.ShouldBe("m-1");
        facts.Manifest.PresentedManifestDigest.ShouldBe(facts.Manifest.Binding.ManifestDigest);
        facts.Manifest.Authority.ShouldBe(new AuthorityReference(DomainId, 3, Authority.ManifestDigest));
        (facts.PolicyBundleHash, facts.ToolCatalogHash).ShouldBe((PolicyHash, CatalogHash));
        facts.RuntimeAllowListDigest.ShouldBeNull();
    }

    [Fact]
    public void Missing_claims_under_posture_none_are_recorded_missing_without_degradation()
    {
        var facts = Spec().When(Open() with { ClaimsEnvelope = null, Posture = PolicyPosture.None }, Now).ShouldBeAdmitted().Facts;

        facts.Claims.ShouldBe(new ClaimsOutcome(ClaimsDisposition.Missing));
        facts.Claims.IsDegraded.ShouldBeFalse();
    }

    [Fact]
    public void Missing_claims_under_best_effort_admit_the_session_marked_unavailable()
    {
        var spec = Spec();
        spec.Apply(Open() with { ClaimsEnvelope = null, Posture = PolicyPosture.BestEffort }, Now);

        var snapshot = spec.State.Snapshot!;
        snapshot.Disposition.ShouldBe(ClaimsDisposition.Unavailable);
        snapshot.DegradedDetail.ShouldBe("no session claims were presented");
        snapshot.IdentityDigest.ShouldBeNull();
    }

    [Fact]
    public void Missing_claims_under_required_are_refused_and_recorded_before_the_binding_is_consulted()
    {
        var refused = Spec().When(Open() with { ClaimsEnvelope = null, Subject = Core.Identity.SpiffeId.Parse("spiffe://factory.example/agent/other") }, Now)
            .ShouldBeRefusedAndRecorded(SessionClaimsMissing);

        refused.Facts.Claims.Disposition.ShouldBe(ClaimsDisposition.Missing);
        refused.Facts.Manifest.ShouldBeNull();
    }

    [Theory]
    [InlineData(PolicyPosture.None)]
    [InlineData(PolicyPosture.BestEffort)]
    public void Detached_claims_below_required_admit_a_degraded_session_with_the_detail(PolicyPosture posture)
    {
        var spec = Spec();
        spec.Apply(Open() with { ClaimsEnvelope = DetachedClaims, Posture = posture }, Now);

        spec.State.Snapshot!.Disposition.ShouldBe(ClaimsDisposition.Detached);
        spec.State.Snapshot.DegradedDetail!.ShouldContain("not by the authenticated peer key");
        spec.State.Snapshot.ManifestDigest.ShouldBeNull();
    }

    [Theory]
    [InlineData(PolicyPosture.None)]
    [InlineData(PolicyPosture.BestEffort)]
    public void Invalid_claims_below_required_admit_a_degraded_session_with_the_detail(PolicyPosture posture)
    {
        var spec = Spec();
        spec.Apply(Open() with { ClaimsEnvelope = InvalidClaims, Posture = posture }, Now);

        spec.State.Snapshot!.Disposition.ShouldBe(ClaimsDisposition.Invalid);
        spec.State.Snapshot.DegradedDetail!.ShouldContain("audience");
    }

    [Fact]
    public void Detached_claims_under_required_are_refused_and_recorded()
    {
        var refused = Spec().When(Open() with { ClaimsEnvelope = DetachedClaims }, Now).ShouldBeRefusedAndRecorded(SessionClaimsDetached);

        refused.Facts.Claims.Disposition.ShouldBe(ClaimsDisposition.Detached);
    }

    [Fact]
    public void Invalid_claims_under_required_are_refused_and_recorded()
    {
        Spec().When(Open() with { ClaimsEnvelope = InvalidClaims }, Now).ShouldBeRefusedAndRecorded(SessionClaimsInvalid);
    }

    [Fact]
    public void Replayed_nonce_is_refused_as_invalid_claims_and_the_nonce_is_recorded_for_the_ledger()
    {
        var refused = Spec().When(Open() with { SeenNonces = [Nonce] }, Now).ShouldBeRefusedAndRecorded(SessionClaimsInvalid);

        refused.Reason.ShouldContain("replayed");
        refused.Facts.Claims.Nonce.ShouldBe(Nonce);
        refused.Facts.Claims.ExpiresAt.ShouldBe(Claims().ExpiresAt);
    }

    [Fact]
    public void Replayed_nonce_under_best_effort_admits_a_session_degraded_as_invalid()
    {
        var facts = Spec().When(Open() with { SeenNonces = [Nonce], Posture = PolicyPosture.BestEffort }, Now).ShouldBeAdmitted().Facts;

        facts.Claims.Disposition.ShouldBe(ClaimsDisposition.Invalid);
        facts.Claims.RuntimeIdentityDigest.ShouldBeNull();
    }

    [Fact]
    public void Refused_session_shows_its_refusal_to_operators_and_stays_refused()
    {
        var spec = Spec();
        spec.Given(Spec().When(Open() with { ClaimsEnvelope = null }, Now).Events);

        spec.State.Status.ShouldBe(SessionStatus.Refused);
        spec.State.Snapshot!.RefusalCode.ShouldBe(SessionClaimsMissing);
        spec.When(Open(), Now).ShouldBeRejectedWith(SessionAlreadyOpened);
    }
}
