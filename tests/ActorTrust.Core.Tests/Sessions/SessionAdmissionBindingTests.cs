using System.Text;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;
using ActorTrust.Core.Sessions;
using ActorTrust.Core.Tests.RuntimeManifests;
using static ActorTrust.Core.Sessions.SessionRejectionCodes;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;
using static ActorTrust.Core.Tests.Sessions.SessionFixtures;

namespace ActorTrust.Core.Tests.Sessions;

public sealed class SessionAdmissionBindingTests
{
    private static readonly IssuerAuthority PublisherDemoted = Authority with
    {
        Principals = [Principal(Publisher, DomainRole.Auditor), Principal(OtherPublisher, DomainRole.Publisher)],
    };

    [Fact]
    public void Unregistered_agent_is_refused_and_recorded_with_the_agent_version_read()
    {
        var refused = Spec().When(Open() with { Agent = new AgentSnapshot(AgentId, AgentStatus.Unregistered, 0) }, Now)
            .ShouldBeRefusedAndRecorded(AgentNotRegistered);

        refused.Facts.Manifest!.AgentVersion.ShouldBe(0);
        refused.Facts.Claims.Disposition.ShouldBe(ClaimsDisposition.Verified);
    }

    [Fact]
    public void Revoked_agent_is_refused_as_manifest_revoked()
    {
        var revoked = Agent(new RevokeAgent(SignRevocation(Revocation(), Auditor), Authority));

        Spec().When(Open() with { Agent = revoked }, Now).ShouldBeRefusedAndRecorded(ManifestRevoked);
    }

    [Fact]
    public void Expired_manifest_is_refused_whether_presented_or_taken_from_the_agent_entity()
    {
        var at = Manifest().ExpiresAt;

        Spec().When(Open(at), at).ShouldBeRefusedAndRecorded(ManifestExpired);
        Spec().When(Open(at) with { ManifestEnvelope = null }, at).ShouldBeRefusedAndRecorded(ManifestExpired);
    }

    [Fact]
    public void Manifest_with_a_tampered_signature_is_refused()
    {
        Spec().When(Open() with { ManifestEnvelope = TamperedManifest() }, Now).ShouldBeRefusedAndRecorded(ManifestSignatureInvalid);
    }

    [Fact]
    public void Unreadable_manifest_envelope_is_refused_as_invalid_with_the_verifier_code()
    {
        var refused = Spec().When(Open() with { ManifestEnvelope = "{}" }, Now).ShouldBeRefusedAndRecorded(ManifestInvalid);

        refused.Reason.ShouldContain(AgentRejectionCodes.EnvelopeMalformed);
    }

    [Fact]
    public void Validly_signed_manifest_that_was_rotated_away_is_not_current()
    {
        var rotated = Agent(new RotateAgent(Signed(Manifest("m-2", "m-1", issuedAt: Now.AddMinutes(-30))), Authority));

        Spec().When(Open() with { Agent = rotated }, Now).ShouldBeRefusedAndRecorded(ManifestNotCurrent);
        Spec().When(Open() with { Agent = rotated, ManifestEnvelope = Signed(Manifest("m-2", "m-1", issuedAt: Now.AddMinutes(-30))) }, Now).ShouldBeAdmitted();
    }

    [Fact]
    public void Missing_expired_or_foreign_issuer_authority_is_unavailable()
    {
        Spec().When(Open() with { Authority = null }, Now).ShouldBeRefusedAndRecorded(IssuerAuthorityUnavailable);
        Spec().When(Open() with { Authority = null, ManifestEnvelope = null }, Now).ShouldBeRefusedAndRecorded(IssuerAuthorityUnavailable);
        Spec().When(Open() with { Authority = Authority with { ExpiresAt = Now } }, Now).ShouldBeRefusedAndRecorded(IssuerAuthorityUnavailable);
        Spec().When(Open() with { Authority = Authority with { DomainId = "other.example" }, ManifestEnvelope = null }, Now)
            .ShouldBeRefusedAndRecorded(IssuerAuthorityUnavailable);
    }

    [Fact]
    public void Issuer_key_that_no_longer_holds_publisher_is_refused_on_both_paths()
    {
        Spec().When(Open() with { Authority = PublisherDemoted }, Now).ShouldBeRefusedAndRecorded(IssuerKeyNotPublisher);
        Spec().When(Open() with { Authority = PublisherDemoted, ManifestEnvelope = null }, Now).ShouldBeRefusedAndRecorded(IssuerKeyNotPublisher);
    }

    [Fact]
    public void Issuer_key_removed_from_the_domain_is_refused_as_not_publisher()
    {
        var removed = Authority with { Principals = [Principal(OtherPublisher, DomainRole.Publisher)] };

        Spec().When(Open() with { Authority = removed }, Now).ShouldBeRefusedAndRecorded(IssuerKeyNotPublisher);
    }

    [Fact]
    public void Manifest_dev_subject_is_refused_outside_dev_mode_and_admitted_in_dev_mode()
    {
        Spec().When(Open() with { SubjectSource = SubjectSource.ManifestDev }, Now).ShouldBeRefusedAndRecorded(SubjectSourceNotAllowed);
        Spec().When(Open() with { SubjectSource = SubjectSource.ManifestDev, DevMode = true }, Now).ShouldBeAdmitted()
            .Facts.SubjectSource.ShouldBe(SubjectSource.ManifestDev);
    }

    [Fact]
    public void Subject_other_than_the_manifest_agent_is_refused()
    {
        var refused = Spec().When(Open() with { Subject = SpiffeId.Parse("spiffe://factory.example/agent/impostor") }, Now)
            .ShouldBeRefusedAndRecorded(AgentIdMismatch);

        refused.Reason.ShouldContain("spiffe://factory.example/agent/impostor");
    }

    [Fact]
    public void Loaded_policy_bundle_other_than_the_approved_one_is_drift()
    {
        Spec().When(Open() with { PolicyBundleHash = RuntimeManifestFixtures.D("other policy") }, Now).ShouldBeRefusedAndRecorded(PolicyHashDrift);
    }

    [Fact]
    public void Loaded_tool_catalog_other_than_the_approved_one_is_drift()
    {
        Spec().When(Open() with { ToolCatalogHash = RuntimeManifestFixtures.D("other catalog") }, Now).ShouldBeRefusedAndRecorded(CatalogHashDrift);
    }

    [Fact]
    public void Agent_entity_binding_alone_admits_without_re_verifying_a_manifest_envelope()
    {
        var facts = Spec().When(Open() with { ManifestEnvelope = null }, Now).ShouldBeAdmitted().Facts;

        facts.Manifest!.PresentedManifestDigest.ShouldBeNull();
        facts.Manifest.Binding!.ManifestId.ShouldBe("m-1");
    }

    [Fact]
    public void Runtime_identity_on_the_allow_list_is_admitted_and_the_list_digest_recorded()
    {
        var allowed = new[] { RuntimeManifestFixtures.D("another runtime"), RuntimeManifestFixtures.Cuda().IdentityDigest() };

        var facts = Spec().When(Open() with { AllowedRuntimeIdentities = allowed }, Now).ShouldBeAdmitted().Facts;

        facts.RuntimeAllowListDigest.ShouldBe(RuntimeAllowList.DigestOf(allowed.Reverse()));
    }

    [Fact]
    public void Runtime_identity_off_the_allow_list_is_refused()
    {
        Spec().When(Open() with { AllowedRuntimeIdentities = [RuntimeManifestFixtures.D("another runtime")] }, Now)
            .ShouldBeRefusedAndRecorded(RuntimeIdentityNotAllowed);
    }

    [Fact]
    public void Allow_list_refuses_a_degraded_session_that_has_no_verified_runtime_identity()
    {
        var open = Open() with { ClaimsEnvelope = null, Posture = PolicyPosture.BestEffort, AllowedRuntimeIdentities = [RuntimeManifestFixtures.Cuda().IdentityDigest()] };

        Spec().When(open, Now).ShouldBeRefusedAndRecorded(RuntimeIdentityNotAllowed).Reason.ShouldContain("no verified runtime identity");
    }

    [Fact]
    public void Manifest_signed_as_another_payload_type_is_invalid()
    {
        var asRecord = SignRaw(PayloadTypes.TrustRecord, Encoding.UTF8.GetString(ActorTrustJson.ToCanonicalBytes(Manifest())), Publisher);

        Spec().When(Open() with { ManifestEnvelope = asRecord }, Now).ShouldBeRefusedAndRecorded(ManifestInvalid);
    }
}
