using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using ActorTrust.Core.Receipts;
using ActorTrust.Core.Tests.TestSupport;
using static ActorTrust.Core.Receipts.CertificationCodes;
using static ActorTrust.Core.Tests.Domains.DomainFixtures;
using static ActorTrust.Core.Tests.Receipts.CertificationVectorExpectation;
using static ActorTrust.Core.Tests.Receipts.ReceiptFixtures;

namespace ActorTrust.Core.Tests.Receipts;

/// <summary>The generator of tests/vectors/certification, from fixed seeds (see <see cref="ReceiptFixtures"/>): history = version 1 at position 1, version 2 at 2.</summary>
internal static class CertificationVectorSet
{
    private static readonly AuthorityHistory History = ReceiptFixtures.History(RotatedToV2());
    private static readonly CertificationVectorExpectation Certified = new("certified");
    private static readonly CertificationVectorExpectation Valid = new("valid");

    public static IReadOnlyList<CertificationVector> All() =>
    [
        R("CE-001", "receipt signed by a key holding executor at its position", SignedReceipt(Receipt(), Executor), Certified),
        R("CE-002", "unsigned receipt: informational only", CertificationSigning.UnsignedReceiptJson(Receipt()), new("informational")),
        R("CE-003", "receipt signed by a principal without the executor role", SignedReceipt(Receipt(), Producer), Refused(SignerNotExecutor)),
        R("CE-004", "receipt pinned after its signer's executor role was removed", SignedReceipt(Receipt(position: 2), Executor), Refused(SignerNotExecutor)),
        R("CE-005", "receipt signed by the executor added in version 2, pinned at version 2", SignedReceipt(Receipt(position: 2), NewExecutor), Certified),
        R("CE-006", "receipt signed by a key that was never a principal", SignedReceipt(Receipt(), ReceiptFixtures.Outsider), Refused(SignatureInvalid)),
        R("CE-007", "receipt whose payload was altered after signing", Altered(CertificationSigning.SignReceipt(Receipt(), TestKeys.Signer(Executor))), Refused(SignatureInvalid)),
        R("CE-008", "receipt pinned beyond the exported journal", SignedReceipt(Receipt(position: 3), NewExecutor), Refused(PositionUnknown)),
        R("CE-009", "receipt for another trust domain", SignedReceipt(Receipt(domainId: "other.example"), Executor), Refused(DomainMismatch)),
        R("CE-010", "receipt with repeated inputs", SignedReceipt(Receipt() with { InputDigests = [D("x"), D("x")] }, Executor), Refused(ReceiptMalformed)),
        R("CE-011", "receipt signed under the checkpoint payload type", Text(Envelope.Sign(PayloadTypes.Checkpoint, ActorTrustJson.ToCanonicalBytes(Receipt()), TestKeys.Signer(Executor))),
            Refused(CertificationCodes.PayloadTypeUnsupported)),
        R("CE-012", "history that holds no manifest with the pinned digest", SignedReceipt(Receipt(), Executor), Refused(AuthorityUntrusted), D("pinned elsewhere")),
        C("CE-013", "publication signed by a publisher", SignedStatement(Statement(StatementKind.Publication), ReceiptFixtures.Publisher), Valid),
        C("CE-014", "audit attestation signed by an auditor, pinned at version 2", SignedStatement(Statement(StatementKind.AuditAttestation, position: 2), Auditor), Valid),
        C("CE-015", "publication signed by an auditor", SignedStatement(Statement(StatementKind.Publication), Auditor), Refused(SignerLacksRole)),
        C("CE-016", "audit attestation signed under the publication payload type",
            Text(Envelope.Sign(PayloadTypes.PublicationCertification, ActorTrustJson.ToCanonicalBytes(Statement(StatementKind.AuditAttestation)), TestKeys.Signer(ReceiptFixtures.Publisher))),
            Refused(StatementKindMismatch)),
        C("CE-017", "unsigned certification statement", System.Text.Encoding.UTF8.GetString(ActorTrustJson.ToCanonicalBytes(Statement(StatementKind.Publication))), Refused(CertificationMalformed)),
        CertificationVector.Create("CE-018", "history whose rotation is not signed by the previous roots", "receipt", SignedReceipt(Receipt(), Executor),
            History with { Manifests = [History.Manifests[0], History.Manifests[1] with { Envelope = Sign(ManifestV2, 3, 4) }] }, Refused(AuthorityHistoryInvalid)),
    ];

    private static CertificationVector R(string id, string description, string document, CertificationVectorExpectation expected, Core.Hashing.Digest? pin = null) =>
        CertificationVector.Create(id, description, "receipt", document, History, expected, pin);

    private static CertificationVector C(string id, string description, string document, CertificationVectorExpectation expected) =>
        CertificationVector.Create(id, description, "certification", document, History, expected);

    private static string Text(Envelope envelope) => CertificationSigning.ToText(envelope);

    private static string Altered(Envelope envelope)
    {
        var payload = envelope.Payload.ToArray();
        payload[^2] ^= 0x01;
        return Text(envelope with { Payload = payload });
    }
}
