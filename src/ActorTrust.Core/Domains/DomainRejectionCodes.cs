namespace ActorTrust.Core.Domains;

/// <summary>The stable reason codes with which the <c>domain</c> decider refuses a command.</summary>
public static class DomainRejectionCodes
{
    /// <summary>Create was sent for a domain that already exists (with a different manifest).</summary>
    public const string DomainExists = nameof(DomainExists);

    /// <summary>Rotate was sent for a domain that has not been created.</summary>
    public const string DomainNotFound = nameof(DomainNotFound);

    /// <summary>The DSSE envelope document could not be read.</summary>
    public const string EnvelopeMalformed = nameof(EnvelopeMalformed);

    /// <summary>The envelope's payload type is not <c>authority-manifest</c>.</summary>
    public const string PayloadTypeUnsupported = nameof(PayloadTypeUnsupported);

    /// <summary>The manifest names a schema other than <see cref="DomainAuthorityManifest.SchemaV1"/>.</summary>
    public const string UnsupportedSchema = nameof(UnsupportedSchema);

    /// <summary>The manifest is malformed or breaks a validation rule (keys, ids, roles, threshold, canonical form).</summary>
    public const string ManifestInvalid = nameof(ManifestInvalid);

    /// <summary>The manifest's <c>domain_id</c> is not the entity's trust domain.</summary>
    public const string DomainIdMismatch = nameof(DomainIdMismatch);

    /// <summary>A domain can only be created from version 1.</summary>
    public const string InitialVersionNotOne = nameof(InitialVersionNotOne);

    /// <summary>The manifest does not carry a threshold of signatures from its own root keys.</summary>
    public const string SignatureThresholdNotMet = nameof(SignatureThresholdNotMet);

    /// <summary>A rotation does not carry a threshold of signatures from the current version's root keys.</summary>
    public const string PreviousRootsThresholdNotMet = nameof(PreviousRootsThresholdNotMet);

    /// <summary>A rotation's version is not exactly the current version plus one (skip, rollback or same version).</summary>
    public const string RotationVersionNotNext = nameof(RotationVersionNotNext);

    /// <summary>A rotation's <c>previous_manifest_digest</c> is not the digest of the current manifest.</summary>
    public const string PreviousDigestMismatch = nameof(PreviousDigestMismatch);

    /// <summary>The submitted manifest has already expired at decision time.</summary>
    public const string ManifestExpired = nameof(ManifestExpired);

    /// <summary>The current manifest has expired, so its roots may no longer authorise a successor.</summary>
    public const string CurrentManifestExpired = nameof(CurrentManifestExpired);
}
