using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Sessions;

/// <summary>
/// What <see cref="SessionClaimsVerifier"/> made of a presented claims envelope: <see cref="ClaimsDisposition.Verified"/>,
/// <see cref="ClaimsDisposition.Detached"/> or <see cref="ClaimsDisposition.Invalid"/>, with a sentence saying why.
/// </summary>
/// <param name="Disposition">Verified, detached or invalid.</param>
/// <param name="Detail">Why (for a verified bundle, a short confirmation).</param>
public sealed record ClaimsVerdict(ClaimsDisposition Disposition, string Detail)
{
    /// <summary>
    /// The claims, once the signature verified under the authenticated peer key and the payload was read (also when
    /// a later check failed: an expired or replayed bundle is still known to come from the peer); otherwise null.
    /// </summary>
    public SessionClaims? Claims { get; init; }

    /// <summary><c>sha256:</c> of the exact payload bytes, once the envelope was read; otherwise null.</summary>
    public Digest? ClaimsDigest { get; init; }

    /// <summary>The verified envelope as canonical DSSE JSON text (only when verified).</summary>
    public string? Envelope { get; init; }

    /// <summary>True only for <see cref="ClaimsDisposition.Verified"/>.</summary>
    public bool IsVerified => Disposition == ClaimsDisposition.Verified;
}
