using System.Text.Json.Serialization;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Receipts;

/// <summary>How far an accepted receipt is vouched for. Written as snake_case strings.</summary>
public enum ReceiptStanding
{
    /// <summary>Signed by a key that held <c>executor</c> at the receipt's position.</summary>
    Certified = 1,

    /// <summary>Unsigned: recorded and shown, but vouched for by nobody.</summary>
    Informational = 2,
}

/// <summary>The verdict on an execution receipt: certified, informational, or refused with a code.</summary>
/// <param name="Detail">What was found, for people.</param>
/// <param name="Code">The refusal code (<see cref="CertificationCodes"/>), or null when accepted.</param>
/// <param name="Standing">Certified or informational, when accepted.</param>
/// <param name="Receipt">The receipt, once read.</param>
/// <param name="ReceiptDigest">Its content address, once read.</param>
/// <param name="SignerKeyId">The executor key that certified it.</param>
/// <param name="AuthorityVersion">The authority manifest version in force at its position.</param>
public sealed record ReceiptVerification(
    string Detail,
    string? Code = null,
    ReceiptStanding? Standing = null,
    ExecutionReceipt? Receipt = null,
    Digest? ReceiptDigest = null,
    Digest? SignerKeyId = null,
    long? AuthorityVersion = null)
{
    /// <summary>True when the receipt was accepted (certified or informational).</summary>
    [JsonIgnore]
    public bool IsAccepted => Code is null;

    /// <summary>True when the receipt is certified by an executor.</summary>
    [JsonIgnore]
    public bool IsCertified => Standing == ReceiptStanding.Certified;

    internal static ReceiptVerification Refused(string code, string detail, ExecutionReceipt? receipt = null) => new(detail, code, Receipt: receipt);
}

/// <summary>The verdict on a certification: valid (with its signer and authority version) or refused with a code.</summary>
/// <param name="Detail">What was found, for people.</param>
/// <param name="Code">The refusal code (<see cref="CertificationCodes"/>), or null when valid.</param>
/// <param name="Statement">The statement, once read.</param>
/// <param name="StatementDigest">Its content address, once read.</param>
/// <param name="SignerKeyId">The key that holds the required role and signed it.</param>
/// <param name="AuthorityVersion">The authority manifest version in force at its position.</param>
public sealed record CertificationVerification(
    string Detail,
    string? Code = null,
    CertificationStatement? Statement = null,
    Digest? StatementDigest = null,
    Digest? SignerKeyId = null,
    long? AuthorityVersion = null)
{
    /// <summary>True when the certification is valid.</summary>
    [JsonIgnore]
    public bool IsValid => Code is null;

    internal static CertificationVerification Refused(string code, string detail, CertificationStatement? statement = null) => new(detail, code, statement);
}
