using System.Text;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation;

/// <summary>
/// The one-time secrets of federation: acceptance tokens and grant bearer credentials. The node draws them from
/// its random source and passes the plaintext in the command (so it can be shown once); deciders keep only the
/// domain-separated SHA-256 (<see cref="DigestOf"/>) and compare presented secrets in constant time. A secret is
/// 43 to 128 characters of the base64url alphabet (43 characters carry 256 bits).
/// </summary>
public static class BearerSecret
{
    /// <summary>Hash purpose of acceptance tokens: <c>actortrust/federation-acceptance-token/v1\n</c>.</summary>
    public const string AcceptanceTokenPurpose = "federation-acceptance-token";

    /// <summary>Hash purpose of grant credentials: <c>actortrust/federation-grant-credential/v1\n</c>.</summary>
    public const string GrantCredentialPurpose = "federation-grant-credential";

    /// <summary>The shortest accepted secret (256 bits in base64url).</summary>
    public const int MinLength = 43;

    /// <summary>The longest accepted secret.</summary>
    public const int MaxLength = 128;

    /// <summary>Returns null when <paramref name="secret"/> is well-formed, else the rule it breaks (never echoing the secret).</summary>
    public static string? Validate(string? secret, string field)
    {
        if (secret is null || secret.Length < MinLength || secret.Length > MaxLength)
        {
            return $"{field} must be {MinLength} to {MaxLength} characters";
        }

        return secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? null : $"{field} may only hold base64url characters";
    }

    /// <summary>SHA-256 of <paramref name="secret"/> under <paramref name="purpose"/>: what is stored instead of the secret.</summary>
    public static Digest DigestOf(string purpose, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return DomainHash.Compute(purpose, Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>
    /// True when <paramref name="presented"/> hashes to <paramref name="stored"/>; the digests are compared in constant
    /// time. A null <paramref name="stored"/> (nothing to match) still hashes and compares, against the zero digest.
    /// </summary>
    public static bool Matches(string purpose, Digest? stored, string? presented)
    {
        var candidate = DigestOf(purpose, presented ?? string.Empty);
        var matched = candidate.FixedTimeEquals(stored ?? Digest.Zero);
        return matched && stored is not null && Validate(presented, "secret") is null;
    }
}
