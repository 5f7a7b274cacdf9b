using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Domains;

/// <summary>
/// An event in a <c>domain</c> entity's journal. Each carries the parsed manifest (what
/// <see cref="DomainDecider.Evolve"/> applies) and the signed envelope as canonical DSSE JSON text, so an
/// auditor can re-verify every signature offline without trusting the parsed copy.
/// </summary>
public abstract record DomainEvent;

/// <summary>A domain was created from its self-signed version 1 manifest.</summary>
/// <param name="DomainId">The trust domain name.</param>
/// <param name="Manifest">The version 1 manifest.</param>
/// <param name="ManifestDigest"><c>sha256:</c> of the exact payload bytes.</param>
/// <param name="Envelope">The envelope as canonical DSSE JSON text.</param>
/// <param name="SignedBy">Key ids of the distinct root keys whose signatures verified.</param>
/// <param name="AcceptedAt">The decision time.</param>
[EventName("domain.created.v1")]
public sealed record DomainCreated(
    string DomainId,
    DomainAuthorityManifest Manifest,
    Digest ManifestDigest,
    string Envelope,
    IReadOnlyList<Digest> SignedBy,
    DateTimeOffset AcceptedAt) : DomainEvent;

/// <summary>A domain's manifest was rotated from version N to N+1.</summary>
/// <param name="DomainId">The trust domain name.</param>
/// <param name="Manifest">The new manifest (version N+1).</param>
/// <param name="ManifestDigest"><c>sha256:</c> of the new manifest's exact payload bytes.</param>
/// <param name="PreviousManifestDigest">The digest of the version it replaces.</param>
/// <param name="Envelope">The envelope as canonical DSSE JSON text.</param>
/// <param name="SignedByPreviousRoots">Key ids of version N's root keys whose signatures verified.</param>
/// <param name="SignedByNewRoots">Key ids of version N+1's root keys whose signatures verified.</param>
/// <param name="AcceptedAt">The decision time; version N is superseded from this instant.</param>
[EventName("domain.rotated.v1")]
public sealed record DomainRotated(
    string DomainId,
    DomainAuthorityManifest Manifest,
    Digest ManifestDigest,
    Digest PreviousManifestDigest,
    string Envelope,
    IReadOnlyList<Digest> SignedByPreviousRoots,
    IReadOnlyList<Digest> SignedByNewRoots,
    DateTimeOffset AcceptedAt) : DomainEvent;
