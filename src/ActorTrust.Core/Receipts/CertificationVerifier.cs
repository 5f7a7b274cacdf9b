using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Receipts;

/// <summary>
/// Verifies execution receipts and certification statements offline (no node) against a domain's exported authority
/// manifest history — the same checks the <c>domain</c> entity applies when it records them. Backs
/// <c>actortrust verify receipt</c> and <c>actortrust verify certification</c>.
/// </summary>
public static class CertificationVerifier
{
    /// <summary>
    /// Verifies <paramref name="receipt"/>: certified when a signer held <c>executor</c> at its journal position,
    /// informational when unsigned, otherwise refused (<see cref="CertificationCodes"/>).
    /// </summary>
    /// <param name="receipt">A receipt envelope as DSSE JSON text, or an unsigned receipt's canonical JSON; untrusted.</param>
    /// <param name="history">The domain's exported authority manifest history.</param>
    /// <param name="pinnedManifest">A manifest digest the verifier trusts (a trust pin); null to trust the history's own version 1.</param>
    public static ReceiptVerification VerifyReceipt(string receipt, AuthorityHistory history, Digest? pinnedManifest = null)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(history);
        var timeline = history.Verify(pinnedManifest, out var refusal);
        return timeline is null ? ReceiptVerification.Refused(refusal!.Code, refusal.Message) : StatementChecks.Receipt(receipt, timeline, out _);
    }

    /// <summary>Verifies <paramref name="certification"/>: valid when a signer held the role its kind requires at its journal position.</summary>
    /// <param name="certification">The statement envelope as DSSE JSON text; untrusted.</param>
    /// <param name="history">The domain's exported authority manifest history.</param>
    /// <param name="pinnedManifest">A manifest digest the verifier trusts (a trust pin); null to trust the history's own version 1.</param>
    public static CertificationVerification VerifyCertification(string certification, AuthorityHistory history, Digest? pinnedManifest = null)
    {
        ArgumentNullException.ThrowIfNull(certification);
        ArgumentNullException.ThrowIfNull(history);
        var timeline = history.Verify(pinnedManifest, out var refusal);
        return timeline is null ? CertificationVerification.Refused(refusal!.Code, refusal.Message) : StatementChecks.Certification(certification, timeline, out _);
    }
}
