using System.Text;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;
using ActorTrust.Core.Tests.RuntimeManifests;
using ActorTrust.Core.TrustRecords;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;
using static ActorTrust.Core.Tests.Sessions.SessionFixtures;
using static ActorTrust.Core.Tests.TrustRecords.TrustRecordFixtures;
using static ActorTrust.Core.TrustRecords.TrustRecordErrors;

namespace ActorTrust.Core.Tests.TrustRecords;

public sealed class TrustRecordVerifierTests
{
    [Fact]
    public void Record_of_a_closed_session_verifies_every_check_against_its_manifest_and_journal()
    {
        var (run, closed) = Closed();

        var verification = VerifyRecord(closed.Envelope, run.Links);

        verification.IsVerified.ShouldBeTrue(string.Join("; ", verification.Checks.Where(c => c.Status != CheckStatus.Verified).Select(c => c.Detail)));
        verification.Checks.Select(c => c.Name).ShouldBe(
            ["record_envelope", "node_key", "record_signature", "record_payload", "agent_manifest", "agent_binding", "policy_hash", "catalog_hash", "journal_chain", "journal_length", "journal_head"]);
        verification.Checks.ShouldAllBe(c => c.Status == CheckStatus.Verified);
        ActorTrustJson.ToCanonicalBytes(verification.Record).ShouldBe(ActorTrustJson.ToCanonicalBytes(closed.Record));
    }

    [Fact]
    public void Without_a_journal_export_the_journal_checks_are_skipped_and_the_record_still_verifies()
    {
        var verification = VerifyRecord(Closed().Closed.Envelope);

        verification.IsVerified.ShouldBeTrue();
        verification.Check("journal_head").Status.ShouldBe(CheckStatus.Skipped);
    }

    [Fact]
    public void Record_altered_after_signing_fails_its_signature()
    {
        var closed = Closed().Closed;
        var envelope = EnvelopeJson.Parse(Encoding.UTF8.GetBytes(closed.Envelope));
        var altered = ActorTrustJson.ToCanonicalBytes(closed.Record with { Transcript = closed.Record.Transcript with { CallCount = 0 } });

        var verification = VerifyRecord(Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope with { Payload = altered })));

        verification.ShouldFailWith(SignatureInvalid, "record_signature");
        verification.Record.ShouldBeNull();
        verification.Check("agent_manifest").Status.ShouldBe(CheckStatus.Skipped);
    }

    [Fact]
    public void Record_signed_by_a_node_key_that_is_not_trusted_is_refused()
    {
        var run = Sessions.SessionRun.Opened();
        var closed = run.CloseNow(nodeKey: OtherNodeKey);

        VerifyRecord(closed.Envelope).ShouldFailWith(NodeKeyUntrusted, "node_key");
        VerifyRecord(closed.Envelope, trustedNodeKeys: [NodeKey, OtherNodeKey]).IsVerified.ShouldBeTrue();
    }

    [Fact]
    public void Record_naming_a_node_key_other_than_its_signer_is_refused()
    {
        var record = Closed().Closed.Record;
        var impersonating = Resign(record, r => r with { Node = r.Node with { KeyId = TestSupport.TestKeys.Key(NodeKey).PublicKey.KeyId } }, OtherNodeKey);

        VerifyRecord(impersonating, trustedNodeKeys: [NodeKey, OtherNodeKey]).ShouldFailWith(NodeKeyUntrusted, "node_key");
    }

    [Fact]
    public void Unreadable_envelope_foreign_payload_type_and_non_canonical_payload_are_malformed()
    {
        var payload = ActorTrustJson.ToCanonicalBytes(Closed().Closed.Record);

        VerifyRecord("{").ShouldFailWith(RecordMalformed, "record_envelope");
        VerifyRecord(SignRaw(payload, payloadType: PayloadTypes.SessionClaims)).ShouldFailWith(RecordMalformed, "record_payload");
        VerifyRecord(SignRaw([.. payload, (byte)' '])).ShouldFailWith(RecordMalformed, "record_payload");
    }

    [Fact]
    public void Manifest_that_no_longer_matches_the_record_is_an_agent_manifest_mismatch()
    {
        var rotated = Signed(Manifest("m-2", "m-1", issuedAt: Now.AddMinutes(-30)));

        var verification = VerifyRecord(Closed().Closed.Envelope, manifest: rotated);

        verification.ShouldFailWith(AgentManifestMismatch, "agent_binding");
        verification.Check("agent_binding").Detail.ShouldContain("agent.manifest_id, agent.manifest_digest");
    }

    [Fact]
    public void Record_whose_subject_is_not_the_manifest_agent_is_a_mismatch()
    {
        var forged = Resign(Closed().Closed.Record, r => r with { Subject = SpiffeId.Parse("spiffe://factory.example/agent/impostor") });

        VerifyRecord(forged).Check("agent_binding").Detail.ShouldBe("the record disagrees with the manifest on subject");
    }

    [Fact]
    public void Manifest_that_does_not_verify_against_the_issuer_authority_at_opening_time_is_invalid()
    {
        var record = Closed().Closed.Record;

        VerifyRecord(Resign(record, r => r), manifest: TamperedManifest()).ShouldFailWith(AgentManifestInvalid, "agent_manifest");
        VerifyRecord(Resign(record, r => r with { OpenedAt = Manifest().ExpiresAt })).ShouldFailWith(AgentManifestInvalid, "agent_manifest");
        VerifyRecord(Closed().Closed.Envelope, authority: Authority with { DomainId = "other.example" }).ShouldFailWith(AgentManifestInvalid, "agent_manifest");
    }

    [Fact]
    public void Loaded_policy_or_catalog_other_than_the_approved_one_is_reported_as_hash_mismatch()
    {
        var record = Closed().Closed.Record;

        VerifyRecord(Resign(record, r => r with { PolicyBundleHash = RuntimeManifestFixtures.D("other policy") })).ShouldFailWith(PolicyHashMismatch, "policy_hash");
        VerifyRecord(Resign(record, r => r with { ToolCatalogHash = RuntimeManifestFixtures.D("other catalog") })).ShouldFailWith(CatalogHashMismatch, "catalog_hash");
    }
}
