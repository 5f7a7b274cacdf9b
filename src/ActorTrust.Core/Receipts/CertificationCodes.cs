namespace ActorTrust.Core.Receipts;

/// <summary>
/// The stable codes with which execution receipts and certification statements are refused — by the <c>domain</c>
/// decider (<see cref="Domains.CertifyReceipt"/>, <see cref="Domains.Certify"/>) and by the offline verifiers alike.
/// </summary>
public static class CertificationCodes
{
    /// <summary>The receipt is neither a DSSE envelope nor a canonical receipt, or breaks a rule of the format.</summary>
    public const string ReceiptMalformed = nameof(ReceiptMalformed);

    /// <summary>The certification is not a DSSE envelope, or its statement breaks a rule of the format.</summary>
    public const string CertificationMalformed = nameof(CertificationMalformed);

    /// <summary>The envelope's payload type is not one this kind of document is signed under.</summary>
    public const string PayloadTypeUnsupported = nameof(PayloadTypeUnsupported);

    /// <summary>The statement's <c>kind</c> is not the kind its payload type stands for.</summary>
    public const string StatementKindMismatch = nameof(StatementKindMismatch);

    /// <summary>The document is for another trust domain.</summary>
    public const string DomainMismatch = nameof(DomainMismatch);

    /// <summary>The journal position is before the domain's creation or beyond its journal.</summary>
    public const string PositionUnknown = nameof(PositionUnknown);

    /// <summary>No signature verifies under any principal key the domain ever had: altered, or signed by an outsider.</summary>
    public const string SignatureInvalid = nameof(SignatureInvalid);

    /// <summary>A receipt's signer did not hold <c>executor</c> at the receipt's position (a role-less or removed key).</summary>
    public const string SignerNotExecutor = nameof(SignerNotExecutor);

    /// <summary>A certification's signer did not hold the role its kind requires at the statement's position.</summary>
    public const string SignerLacksRole = nameof(SignerLacksRole);

    /// <summary>Offline: the exported authority manifest history does not verify (signatures, rotation rules, positions).</summary>
    public const string AuthorityHistoryInvalid = nameof(AuthorityHistoryInvalid);

    /// <summary>Offline: no manifest in the history has the pinned digest.</summary>
    public const string AuthorityUntrusted = nameof(AuthorityUntrusted);

    /// <summary>Domain decider: the domain has not been created.</summary>
    public const string DomainNotFound = nameof(DomainNotFound);
}
