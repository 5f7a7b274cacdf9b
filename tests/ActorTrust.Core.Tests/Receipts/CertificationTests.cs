using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using ActorTrust.Core.Receipts;
using ActorTrust.Core.Tests.TestSupport;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Receipts.CertificationCodes;
using static ActorTrust.Core.Tests.Domains.DomainFixtures;
using static ActorTrust.Core.Tests.Receipts.ReceiptFixtures;

namespace ActorTrust.Core.Tests.Receipts;

/// <summary>Recording certification statements in the domain entity: the role each kind requires, at the statement's position.</summary>
public sealed class CertificationTests
{
    private static Entities.Decision<DomainEvent> Certify(string envelope) => CreatedV1().When(new Certify(envelope), Now);

    [Fact]
    public void Publication_signed_by_a_publisher_is_recorded_content_addressed()
    {
        var statement = Statement(StatementKind.Publication);

        var recorded = Certify(SignedStatement(statement, ReceiptFixtures.Publisher)).ShouldEmitSingle<DomainEvent, CertificationRecorded>();

        recorded.StatementDigest.ShouldBe(CertificationStatement.DigestOf(ActorTrustJson.ToCanonicalBytes(statement)));
        recorded.SignerKeyId.ShouldBe(TestKeys.Key(ReceiptFixtures.Publisher).PublicKey.KeyId);
        recorded.AuthorityVersion.ShouldBe(1);
    }

    [Fact]
    public void Audit_attestation_signed_by_an_auditor_is_recorded()
    {
        Certify(SignedStatement(Statement(StatementKind.AuditAttestation), Auditor)).ShouldEmitSingle<DomainEvent, CertificationRecorded>()
            .Statement.Kind.ShouldBe(StatementKind.AuditAttestation);
    }

    [Fact]
    public void Statement_signed_by_a_key_without_the_role_its_kind_requires_is_refused()
    {
        Certify(SignedStatement(Statement(StatementKind.Publication), Auditor)).ShouldBeRejectedWith(SignerLacksRole);
        Certify(SignedStatement(Statement(StatementKind.AuditAttestation), ReceiptFixtures.Publisher)).ShouldBeRejectedWith(SignerLacksRole);
        Certify(SignedStatement(Statement(StatementKind.Publication), Executor)).ShouldBeRejectedWith(SignerLacksRole);
    }

    [Fact]
    public void Statement_of_one_kind_signed_under_another_kinds_payload_type_is_refused()
    {
        var envelope = Envelope.Sign(PayloadTypes.PublicationCertification, ActorTrustJson.ToCanonicalBytes(Statement(StatementKind.AuditAttestation)),
            TestKeys.Signer(ReceiptFixtures.Publisher));

        Certify(CertificationSigning.ToText(envelope)).ShouldBeRejectedWith(StatementKindMismatch);
    }

    [Fact]
    public void Unsigned_outsider_signed_or_foreign_payload_certifications_are_refused()
    {
        Certify(System.Text.Encoding.UTF8.GetString(ActorTrustJson.ToCanonicalBytes(Statement(StatementKind.Publication)))).ShouldBeRejectedWith(CertificationMalformed);
        Certify(SignedStatement(Statement(StatementKind.Publication), ReceiptFixtures.Outsider)).ShouldBeRejectedWith(SignatureInvalid);
        Certify(SignedReceipt(Receipt(), Executor)).ShouldBeRejectedWith(CertificationCodes.PayloadTypeUnsupported);
        Certify(SignedStatement(Statement(StatementKind.Publication, position: 5), ReceiptFixtures.Publisher)).ShouldBeRejectedWith(PositionUnknown);
        Certify(SignedStatement(Statement(StatementKind.Publication) with { Claim = "" }, ReceiptFixtures.Publisher)).ShouldBeRejectedWith(CertificationMalformed);
    }

    [Fact]
    public void Same_statement_again_is_accepted_with_no_events_and_linked_at_its_journal_position()
    {
        var spec = CreatedV1();
        var signed = SignedStatement(Statement(StatementKind.Publication), ReceiptFixtures.Publisher);
        spec.Apply(new Certify(signed), Now);

        spec.When(new Certify(signed), Now).ShouldBeAccepted().ShouldBeEmpty();
        spec.State.Certifications.ShouldHaveSingleItem().Position.ShouldBe(2);
    }

    [Fact]
    public void Each_statement_kind_has_its_own_payload_type_and_required_role()
    {
        CertificationStatement.PayloadTypeOf(StatementKind.Publication).ShouldBe("application/vnd.actortrust.publication-certification+json");
        CertificationStatement.PayloadTypeOf(StatementKind.AuditAttestation).ShouldBe("application/vnd.actortrust.audit-attestation+json");
        CertificationStatement.RequiredRole(StatementKind.Publication).ShouldBe(DomainRole.Publisher);
        CertificationStatement.RequiredRole(StatementKind.AuditAttestation).ShouldBe(DomainRole.Auditor);
        PayloadTypes.Resolve("audit-attestation").ShouldBe(PayloadTypes.AuditAttestation);
    }
}
