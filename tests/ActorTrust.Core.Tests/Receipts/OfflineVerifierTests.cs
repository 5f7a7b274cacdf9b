using ActorTrust.Core.Domains;
using ActorTrust.Core.Receipts;
using static ActorTrust.Core.Receipts.CertificationCodes;
using static ActorTrust.Core.Tests.Domains.DomainFixtures;
using static ActorTrust.Core.Tests.Receipts.ReceiptFixtures;

namespace ActorTrust.Core.Tests.Receipts;

/// <summary>Verifying receipts and certifications with no node, against the domain's exported authority manifest history.</summary>
public sealed class OfflineVerifierTests
{
    private static readonly AuthorityHistory Exported = History(RotatedToV2());

    [Fact]
    public void Export_lists_each_manifest_envelope_with_its_position_and_acceptance_time()
    {
        Exported.Manifests.Select(m => (m.Position, m.AcceptedAt)).ShouldBe([(1L, Now), (2L, Now.AddHours(1))]);
        Exported.JournalLength.ShouldBe(2);
    }

    [Fact]
    public void Receipt_signed_by_an_executor_at_its_position_verifies_as_certified_exactly_as_the_domain_records_it()
    {
        var signed = SignedReceipt(Receipt(position: 1), Executor);

        var verdict = CertificationVerifier.VerifyReceipt(signed, Exported);
        var recorded = (ReceiptRecorded)RotatedToV2().Record(signed).Events.Single();

        verdict.IsCertified.ShouldBeTrue(verdict.Detail);
        (verdict.ReceiptDigest, verdict.SignerKeyId, verdict.AuthorityVersion).ShouldBe((recorded.ReceiptDigest, recorded.SignerKeyId, recorded.AuthorityVersion));
    }

    [Fact]
    public void Unsigned_receipt_verifies_as_informational_only()
    {
        var verdict = CertificationVerifier.VerifyReceipt(CertificationSigning.UnsignedReceiptJson(Receipt()), Exported);

        verdict.IsAccepted.ShouldBeTrue(verdict.Detail);
        verdict.Standing.ShouldBe(ReceiptStanding.Informational);
        verdict.IsCertified.ShouldBeFalse();
    }

    [Fact]
    public void Receipts_signed_by_role_less_removed_or_outside_keys_do_not_verify()
    {
        CertificationVerifier.VerifyReceipt(SignedReceipt(Receipt(), Producer), Exported).Code.ShouldBe(SignerNotExecutor);
        CertificationVerifier.VerifyReceipt(SignedReceipt(Receipt(position: 2), Executor), Exported).Code.ShouldBe(SignerNotExecutor);
        CertificationVerifier.VerifyReceipt(SignedReceipt(Receipt(), ReceiptFixtures.Outsider), Exported).Code.ShouldBe(SignatureInvalid);
        CertificationVerifier.VerifyReceipt(SignedReceipt(Receipt(position: 3), NewExecutor), Exported).Code.ShouldBe(PositionUnknown);
    }

    [Fact]
    public void Certification_verifies_offline_only_with_the_role_its_kind_requires()
    {
        CertificationVerifier.VerifyCertification(SignedStatement(Statement(StatementKind.AuditAttestation, position: 2), Auditor), Exported)
            .IsValid.ShouldBeTrue();
        CertificationVerifier.VerifyCertification(SignedStatement(Statement(StatementKind.AuditAttestation), ReceiptFixtures.Publisher), Exported)
            .Code.ShouldBe(SignerLacksRole);
    }

    [Fact]
    public void History_with_an_altered_or_unsigned_rotation_does_not_verify()
    {
        var forged = Manifest(2, [6, 7, 8], 2, DigestOf(ManifestV1), [Principal(ReceiptFixtures.Outsider, DomainRole.Executor)]);
        var tampered = Exported with { Manifests = [Exported.Manifests[0], Exported.Manifests[1] with { Envelope = Sign(forged, 6, 7) }] };

        CertificationVerifier.VerifyReceipt(SignedReceipt(Receipt(position: 2), ReceiptFixtures.Outsider), tampered).Code.ShouldBe(AuthorityHistoryInvalid);
        CertificationVerifier.VerifyReceipt(SignedReceipt(Receipt(), Executor), Exported with { Manifests = [] }).Code.ShouldBe(AuthorityHistoryInvalid);
        CertificationVerifier.VerifyReceipt(SignedReceipt(Receipt(), Executor), Exported with { Manifests = [.. Exported.Manifests.Reverse()] })
            .Code.ShouldBe(AuthorityHistoryInvalid);
    }

    [Fact]
    public void History_is_trusted_only_through_the_pinned_manifest_when_one_is_given()
    {
        var signed = SignedReceipt(Receipt(), Executor);

        CertificationVerifier.VerifyReceipt(signed, Exported, DigestOf(ManifestV2)).IsCertified.ShouldBeTrue();
        CertificationVerifier.VerifyReceipt(signed, Exported, D("some other manifest")).Code.ShouldBe(AuthorityUntrusted);
    }

    [Fact]
    public void Self_consistent_history_of_another_root_set_verifies_only_its_own_receipts()
    {
        var impostor = Manifest(1, [6, 7, 8], 2, principals: [Principal(ReceiptFixtures.Outsider, DomainRole.Executor)]);
        var history = new AuthorityHistory(DomainId, [new AuthorityHistoryEntry(1, Now, Sign(impostor, 6, 7))], 1);

        CertificationVerifier.VerifyReceipt(SignedReceipt(Receipt(), Executor), history).Code.ShouldBe(SignatureInvalid);
        CertificationVerifier.VerifyReceipt(SignedReceipt(Receipt(), ReceiptFixtures.Outsider), history, DigestOf(ManifestV1)).Code.ShouldBe(AuthorityUntrusted);
    }
}
