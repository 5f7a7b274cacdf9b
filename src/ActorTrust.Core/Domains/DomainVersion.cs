using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Domains;

/// <summary>
/// One accepted version of a domain's authority manifest, as kept in <see cref="DomainState"/> history:
/// the manifest, the digest of its exact payload bytes, and the window in which it was in force.
/// </summary>
/// <param name="Version">The manifest version.</param>
/// <param name="Manifest">The manifest as accepted.</param>
/// <param name="ManifestDigest"><c>sha256:</c> of the exact signed payload bytes.</param>
/// <param name="AcceptedAt">The decision time at which this version became current.</param>
/// <param name="SupersededAt">The decision time at which the next version replaced it, or null while current.</param>
public sealed record DomainVersion(
    long Version,
    DomainAuthorityManifest Manifest,
    Digest ManifestDigest,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? SupersededAt = null)
{
    /// <summary>The domain journal position (sequence number) of the event that accepted this version.</summary>
    public long Position { get; init; }

    /// <summary>True when <paramref name="keyId"/> is a principal of this version holding <paramref name="role"/>. Root keys hold no roles.</summary>
    public bool KeyHeldRole(Digest keyId, DomainRole role) =>
        Manifest.Principals.Any(p => p.KeyId == keyId && p.Holds(role));

    /// <summary>
    /// True when this version was the domain's authority at <paramref name="instant"/>: accepted at or
    /// before it, not yet superseded, and not expired.
    /// </summary>
    public bool WasInForceAt(DateTimeOffset instant) =>
        AcceptedAt <= instant
        && (SupersededAt is not { } superseded || instant < superseded)
        && !Manifest.IsExpiredAt(instant);
}
