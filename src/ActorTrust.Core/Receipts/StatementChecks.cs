using System.Text;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using static ActorTrust.Core.Receipts.CertificationCodes;

namespace ActorTrust.Core.Receipts;

/// <summary>
/// The checks receipts and certifications pass, online and offline alike: signatures first (under every principal
/// key the domain ever had), then the payload type, then exactly the verified bytes are read; then the domain, the
/// position, and whether a signer held the required role in the version in force at that position.
/// </summary>
internal static class StatementChecks
{
    /// <summary>Checks a receipt (DSSE envelope text, or canonical receipt JSON for an unsigned one); <paramref name="document"/> is what to store.</summary>
    internal static ReceiptVerification Receipt(string text, AuthorityTimeline timeline, out string? document)
    {
        document = null;
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!TryEnvelope(bytes, out var envelope, out var envelopeError))
        {
            var unsigned = SchemaDocument.Read<ExecutionReceipt>(bytes, ExecutionReceipt.SchemaV1, out var error);
            if (unsigned is null)
            {
                return ReceiptVerification.Refused(ReceiptMalformed, $"neither a DSSE envelope ({envelopeError}) nor a canonical receipt ({error})");
            }

            var refusal = CheckReceipt(unsigned, timeline, out _);
            document = text;
            return refusal ?? new($"unsigned receipt: informational only", null, ReceiptStanding.Informational, unsigned, ExecutionReceipt.DigestOf(bytes));
        }

        var verdict = Verify(envelope, timeline, [PayloadTypes.ExecutionReceipt]);
        if (!verdict.IsVerified)
        {
            return ReceiptVerification.Refused(verdict.Rejection == EnvelopeRejection.UnsupportedPayloadType ? PayloadTypeUnsupported : SignatureInvalid,
                verdict.Rejection == EnvelopeRejection.UnsupportedPayloadType ? $"payload type '{envelope.PayloadType}' is not an execution receipt"
                : $"no signature verifies under a principal key of domain '{timeline.DomainId}'");
        }

        var receipt = SchemaDocument.Read<ExecutionReceipt>(verdict.Payload, ExecutionReceipt.SchemaV1, out var readError);
        if (receipt is null)
        {
            return ReceiptVerification.Refused(ReceiptMalformed, readError!);
        }

        if (CheckReceipt(receipt, timeline, out var version) is { } invalid)
        {
            return invalid;
        }

        var signer = Signer(verdict, version!, DomainRole.Executor);
        document = CertificationSigning.ToText(envelope);
        return signer is null
            ? ReceiptVerification.Refused(SignerNotExecutor, $"signed by {string.Join(", ", verdict.VerifiedKeyIds)}, which did not hold executor in version {version!.Version} at position {receipt.JournalPosition}", receipt)
            : new($"certified by executor {signer} under version {version!.Version}", null, ReceiptStanding.Certified, receipt,
                ExecutionReceipt.DigestOf(verdict.Payload), signer, version.Version);
    }

    /// <summary>Checks a certification (DSSE envelope text); <paramref name="document"/> is what to store.</summary>
    internal static CertificationVerification Certification(string text, AuthorityTimeline timeline, out string? document)
    {
        document = null;
        if (!TryEnvelope(Encoding.UTF8.GetBytes(text), out var envelope, out var envelopeError))
        {
            return CertificationVerification.Refused(CertificationMalformed, $"a certification is a signed DSSE envelope: {envelopeError}");
        }

        var verdict = Verify(envelope, timeline, CertificationStatement.PayloadTypesOfAllKinds);
        if (!verdict.IsVerified)
        {
            return verdict.Rejection == EnvelopeRejection.UnsupportedPayloadType
                ? CertificationVerification.Refused(PayloadTypeUnsupported, $"payload type '{envelope.PayloadType}' is not a certification")
                : CertificationVerification.Refused(SignatureInvalid, $"no signature verifies under a principal key of domain '{timeline.DomainId}'");
        }

        var statement = SchemaDocument.Read<CertificationStatement>(verdict.Payload, CertificationStatement.SchemaV1, out var readError);
        var invalid = readError ?? statement!.Validate();
        if (invalid is not null)
        {
            return CertificationVerification.Refused(CertificationMalformed, invalid);
        }

        if (CertificationStatement.PayloadTypeOf(statement!.Kind) != envelope.PayloadType)
        {
            return CertificationVerification.Refused(StatementKindMismatch, $"a {statement.Kind} statement was signed as '{envelope.PayloadType}'", statement);
        }

        if (Pin(statement.DomainId, statement.JournalPosition, timeline, out var version) is { } pin)
        {
            return CertificationVerification.Refused(pin.Code, pin.Message, statement);
        }

        var role = CertificationStatement.RequiredRole(statement.Kind);
        var signer = Signer(verdict, version!, role);
        document = CertificationSigning.ToText(envelope);
        return signer is null
            ? CertificationVerification.Refused(SignerLacksRole, $"a {statement.Kind} needs {role}; its signers did not hold it in version {version!.Version}", statement)
            : new($"{statement.Kind} by {signer} ({role}) under version {version!.Version}", null, statement,
                CertificationStatement.DigestOf(verdict.Payload), signer, version.Version);
    }

    private static ReceiptVerification? CheckReceipt(ExecutionReceipt receipt, AuthorityTimeline timeline, out DomainVersion? version)
    {
        version = null;
        if (receipt.Validate() is { } invalid)
        {
            return ReceiptVerification.Refused(ReceiptMalformed, invalid, receipt);
        }

        return Pin(receipt.DomainId, receipt.JournalPosition, timeline, out version) is { } pin ? ReceiptVerification.Refused(pin.Code, pin.Message, receipt) : null;
    }

    private static Entities.Rejection? Pin(string domainId, long position, AuthorityTimeline timeline, out DomainVersion? version)
    {
        version = null;
        if (!string.Equals(domainId, timeline.DomainId, StringComparison.Ordinal))
        {
            return new(DomainMismatch, $"the document is for domain '{domainId}', not '{timeline.DomainId}'");
        }

        version = timeline.VersionAt(position);
        return version is null ? new(PositionUnknown, $"journal position {position} is not in domain '{domainId}' (its journal {(timeline.Head is { } head ? $"ends at {head}" : "is unknown there")})") : null;
    }

    private static EnvelopeVerdict Verify(Envelope envelope, AuthorityTimeline timeline, IEnumerable<string> payloadTypes)
    {
        var keys = timeline.PrincipalKeys();
        return keys.Count == 0
            ? EnvelopeVerdict.Refused(envelope.PayloadType, [], EnvelopeRejection.ThresholdNotMet, "the domain has no principal keys")
            : EnvelopeVerifier.Verify(envelope, new TrustPolicy(keys, 1, payloadTypes));
    }

    private static Digest? Signer(EnvelopeVerdict verdict, DomainVersion version, DomainRole role) =>
        verdict.VerifiedKeyIds.Select(Digest.Parse).Where(k => version.KeyHeldRole(k, role)).Cast<Digest?>().FirstOrDefault();

    private static bool TryEnvelope(byte[] bytes, out Envelope envelope, out string? error)
    {
        try
        {
            envelope = EnvelopeJson.Parse(bytes);
            error = null;
            return true;
        }
        catch (EnvelopeException ex)
        {
            envelope = null!;
            error = ex.Message;
            return false;
        }
    }
}
