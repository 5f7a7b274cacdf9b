using System.Text;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;
using ActorTrust.Core.Tests.TestSupport;
using static ActorTrust.Core.Agents.AgentRejectionCodes;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;

namespace ActorTrust.Core.Tests.Agents;

public sealed class AgentManifestVerifierTests
{
    [Fact]
    public void Manifest_signed_by_a_publisher_of_the_issuer_domain_is_valid()
    {
        var manifest = Manifest();

        var verdict = Verify(Signed(manifest), expected: new ExpectedHashes(PromptHash, PolicyHash, CatalogHash));

        verdict.Status.ShouldBe(ManifestVerdictStatus.Valid, verdict.Reason);
        verdict.IsValid.ShouldBeTrue();
        verdict.SignerKeyId.ShouldBe(KeyId(Publisher));
        verdict.ManifestDigest.ShouldBe(Digest.Sha256(ActorTrustJson.ToCanonicalBytes(manifest)));
        verdict.Manifest.ShouldNotBeNull().ManifestId.ShouldBe("m-1");
    }

    [Fact]
    public void Envelope_without_signatures_is_signature_missing()
    {
        var payload = Convert.ToBase64String(ActorTrustJson.ToCanonicalBytes(Manifest()));
        var unsigned = $$"""{"payload":"{{payload}}","payloadType":"{{PayloadTypes.AgentManifest}}","signatures":[]}""";

        Verify(unsigned).ShouldBe(ManifestVerdictStatus.SignatureMissing, SignatureMissing);
    }

    [Fact]
    public void Unreadable_envelope_is_incomplete()
    {
        Verify("{\"payload\":1}").ShouldBe(ManifestVerdictStatus.Incomplete, EnvelopeMalformed);
    }

    [Fact]
    public void Without_a_trusted_authority_the_manifest_is_unverifiable()
    {
        var verdict = AgentManifestVerifier.Verify(Encoding.UTF8.GetBytes(Signed(Manifest())), null, Now);

        verdict.ShouldBe(ManifestVerdictStatus.Unverifiable, NoTrustedAuthority);
        verdict.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Authority_without_any_publisher_makes_the_manifest_unverifiable()
    {
        var auditorsOnly = Authority with { Principals = [Principal(Auditor, DomainRole.Auditor)] };

        Verify(Signed(Manifest()), auditorsOnly).ShouldBe(ManifestVerdictStatus.Unverifiable, NoTrustedAuthority);
    }

    [Fact]
    public void Authority_whose_key_id_is_not_its_key_makes_the_manifest_unverifiable()
    {
        var forged = Authority with { Principals = [Principal(Publisher, DomainRole.Publisher) with { KeyId = KeyId(Outsider) }] };

        Verify(Signed(Manifest()), forged).ShouldBe(ManifestVerdictStatus.Unverifiable, AuthorityInvalid);
    }

    [Fact]
    public void Expired_issuer_authority_makes_the_manifest_unverifiable()
    {
        Verify(Signed(Manifest()), Authority with { ExpiresAt = Now }).ShouldBe(ManifestVerdictStatus.Unverifiable, AuthorityExpired);
    }

    [Fact]
    public void Manifest_signed_by_a_key_the_domain_does_not_know_is_unverifiable()
    {
        Verify(Sign(Manifest(issuerKey: Outsider), Outsider)).ShouldBe(ManifestVerdictStatus.Unverifiable, SignerUnknown);
    }

    [Fact]
    public void Agent_id_altered_after_signing_is_a_mismatch()
    {
        var envelope = AgentManifestSigning.Sign(Manifest(), TestKeys.Signer(Publisher));
        var altered = ActorTrustJson.ToCanonicalBytes(Manifest() with { AgentId = SpiffeId.Parse("spiffe://factory.example/agent/other") });

        Verify(Text(envelope with { Payload = altered })).ShouldBe(ManifestVerdictStatus.Mismatch, SignatureInvalid);
    }

    [Fact]
    public void Manifest_signed_only_by_an_auditor_is_a_mismatch()
    {
        Verify(Sign(Manifest(issuerKey: Auditor), Auditor)).ShouldBe(ManifestVerdictStatus.Mismatch, SignerNotPublisher);
    }

    [Fact]
    public void Issuer_key_that_is_not_a_publisher_is_a_mismatch_even_when_a_publisher_cosigned()
    {
        Verify(Sign(Manifest(issuerKey: Auditor), Auditor, Publisher)).ShouldBe(ManifestVerdictStatus.Mismatch, SignerNotPublisher);
    }

    [Fact]
    public void Manifest_naming_another_issuer_key_than_its_signer_is_a_mismatch()
    {
        Verify(Sign(Manifest(issuerKey: OtherPublisher), Publisher)).ShouldBe(ManifestVerdictStatus.Mismatch, IssuerKeyNotSigner);
    }

    [Fact]
    public void Envelope_of_another_payload_type_is_a_mismatch()
    {
        var json = Encoding.UTF8.GetString(ActorTrustJson.ToCanonicalBytes(Manifest()));

        Verify(SignRaw(PayloadTypes.TrustRecord, json, Publisher)).ShouldBe(ManifestVerdictStatus.Mismatch, PayloadTypeUnsupported);
    }

    [Fact]
    public void Manifest_from_another_issuer_than_the_trusted_domain_is_a_mismatch()
    {
        var manifest = Manifest() with { Issuer = "other.example", AgentId = SpiffeId.Parse("spiffe://other.example/agent/a") };

        Verify(Signed(manifest)).ShouldBe(ManifestVerdictStatus.Mismatch, IssuerMismatch);
    }

    [Fact]
    public void Agent_outside_the_issuer_trust_domain_is_a_mismatch_even_with_a_shared_prefix()
    {
        var manifest = Manifest() with { AgentId = SpiffeId.Parse("spiffe://factory.example.evil/agent/a") };

        Verify(Signed(manifest)).ShouldBe(ManifestVerdictStatus.Mismatch, AgentOutsideIssuerDomain);
    }
}

internal static class VerdictAssertions
{
    public static void ShouldBe(this ManifestVerdict verdict, ManifestVerdictStatus status, string code)
    {
        verdict.Status.ShouldBe(status, verdict.Reason);
        verdict.Code.ShouldBe(code, verdict.Reason);
    }
}
