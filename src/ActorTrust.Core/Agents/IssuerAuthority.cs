using System.Text.Json.Serialization;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Agents;

/// <summary>
/// The issuer domain's current authority, as the runtime read it from the <c>domain</c> entity before
/// asking the <c>agent</c> decider (which stays pure). The version and digest used end up in the event.
/// </summary>
/// <param name="DomainId">The issuer trust domain name.</param>
/// <param name="Version">The authority manifest version read.</param>
/// <param name="ManifestDigest">The digest of that manifest's payload.</param>
/// <param name="Principals">That version's principals (key id, public key, roles).</param>
/// <param name="ExpiresAt">That version's expiry, or null; an expired authority vouches for nothing.</param>
public sealed record IssuerAuthority(
    string DomainId,
    long Version,
    Digest ManifestDigest,
    IReadOnlyList<DomainPrincipal> Principals,
    DateTimeOffset? ExpiresAt = null)
{
    /// <summary>The authority of a domain version, for handing to the agent decider or verifier.</summary>
    public static IssuerAuthority From(DomainVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new(version.Manifest.DomainId, version.Version, version.ManifestDigest, version.Manifest.Principals, version.Manifest.ExpiresAt);
    }

    /// <summary>Which authority was used, as recorded in events.</summary>
    [JsonIgnore]
    public AuthorityReference Reference => new(DomainId, Version, ManifestDigest);

    /// <summary>True when the authority has expired at <paramref name="now"/>.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && now >= expires;

    /// <summary>Returns null when the authority is well-formed (valid domain name, version, keys and key ids), else why not.</summary>
    public string? Validate() =>
        TrustDomainName.Validate(DomainId) is { } error ? $"authority domain_id: {error}"
        : Version < 1 ? $"authority version must be at least 1, got {Version}"
        : AuthorityKeys.TryCreate(this, out _, out var keyError) ? null
        : keyError;
}

/// <summary>Which version of which domain's authority manifest a decision relied on.</summary>
/// <param name="DomainId">The trust domain name.</param>
/// <param name="Version">The authority manifest version.</param>
/// <param name="ManifestDigest">That manifest's payload digest.</param>
public sealed record AuthorityReference(string DomainId, long Version, Digest ManifestDigest);
