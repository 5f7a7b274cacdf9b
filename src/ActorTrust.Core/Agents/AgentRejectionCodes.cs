namespace ActorTrust.Core.Agents;

/// <summary>
/// Stable reason codes of the <c>agent</c> decider and of <see cref="AgentManifestVerifier"/> (whose
/// <see cref="ManifestVerdict.Code"/> is one of the verification codes; the decider refuses with it).
/// </summary>
public static class AgentRejectionCodes
{
    /// <summary>SIGNATURE_MISSING: the envelope has no signature.</summary>
    public const string SignatureMissing = nameof(SignatureMissing);

    /// <summary>INCOMPLETE: the DSSE envelope document could not be read.</summary>
    public const string EnvelopeMalformed = nameof(EnvelopeMalformed);

    /// <summary>MISMATCH: the envelope's payload type is not the expected kind.</summary>
    public const string PayloadTypeUnsupported = nameof(PayloadTypeUnsupported);

    /// <summary>UNVERIFIABLE: no issuer authority, or it has no key of the needed role.</summary>
    public const string NoTrustedAuthority = nameof(NoTrustedAuthority);

    /// <summary>UNVERIFIABLE: the issuer authority given is malformed (bad key, key id not the key's).</summary>
    public const string AuthorityInvalid = nameof(AuthorityInvalid);

    /// <summary>UNVERIFIABLE: the issuer domain's authority manifest has expired.</summary>
    public const string AuthorityExpired = nameof(AuthorityExpired);

    /// <summary>UNVERIFIABLE: no signature is by a key the issuer domain knows.</summary>
    public const string SignerUnknown = nameof(SignerUnknown);

    /// <summary>MISMATCH: a signature names a key of the issuer domain but does not verify (payload or signature altered).</summary>
    public const string SignatureInvalid = nameof(SignatureInvalid);

    /// <summary>MISMATCH: the signing key does not hold <c>publisher</c> in the issuer domain.</summary>
    public const string SignerNotPublisher = nameof(SignerNotPublisher);

    /// <summary>MISMATCH: the key named by <c>issuer_key_id</c> did not sign the manifest.</summary>
    public const string IssuerKeyNotSigner = nameof(IssuerKeyNotSigner);

    /// <summary>INCOMPATIBLE_VERSION: the payload's schema is not <see cref="AgentManifest.SchemaV1"/>.</summary>
    public const string IncompatibleVersion = nameof(IncompatibleVersion);

    /// <summary>INCOMPLETE: the payload is not canonical JSON.</summary>
    public const string ManifestNotCanonical = nameof(ManifestNotCanonical);

    /// <summary>INCOMPLETE: the payload does not bind (missing, unknown or ill-typed members).</summary>
    public const string ManifestMalformed = nameof(ManifestMalformed);

    /// <summary>INCOMPLETE: the payload binds but breaks a rule (ids, issuer name, validity window).</summary>
    public const string ManifestInvalid = nameof(ManifestInvalid);

    /// <summary>MISMATCH: the manifest's issuer is not the domain whose authority was given.</summary>
    public const string IssuerMismatch = nameof(IssuerMismatch);

    /// <summary>MISMATCH: the agent's trust domain is not the issuer domain.</summary>
    public const string AgentOutsideIssuerDomain = nameof(AgentOutsideIssuerDomain);

    /// <summary>REVOKED: the manifest or its agent is revoked (also: register or rotate after revocation).</summary>
    public const string Revoked = nameof(Revoked);

    /// <summary>EXPIRED: the manifest's validity has ended.</summary>
    public const string Expired = nameof(Expired);

    /// <summary>MISMATCH: <c>issued_at</c> lies in the future beyond the allowed clock skew.</summary>
    public const string IssuedInFuture = nameof(IssuedInFuture);

    /// <summary>MISMATCH: the prompt hash is not the expected one.</summary>
    public const string PromptHashMismatch = nameof(PromptHashMismatch);

    /// <summary>MISMATCH: the policy-bundle hash is not the expected one.</summary>
    public const string PolicyBundleHashMismatch = nameof(PolicyBundleHashMismatch);

    /// <summary>MISMATCH: the tool-catalog hash is not the expected one.</summary>
    public const string ToolCatalogHashMismatch = nameof(ToolCatalogHashMismatch);

    /// <summary>The manifest's <c>agent_id</c> (or the revocation's) is not the entity's id.</summary>
    public const string AgentIdMismatch = nameof(AgentIdMismatch);

    /// <summary>Register was sent for an agent that already has a (different) manifest; rotate instead.</summary>
    public const string AgentExists = nameof(AgentExists);

    /// <summary>Rotate or revoke was sent for an agent that has not been registered.</summary>
    public const string AgentNotFound = nameof(AgentNotFound);

    /// <summary>An agent's first manifest names a <c>previous_manifest_id</c>.</summary>
    public const string FirstManifestHasPrevious = nameof(FirstManifestHasPrevious);

    /// <summary>A rotation's <c>previous_manifest_id</c> is not the current manifest id.</summary>
    public const string PreviousManifestMismatch = nameof(PreviousManifestMismatch);

    /// <summary>A rotation reuses a manifest id this agent already had.</summary>
    public const string ManifestIdReused = nameof(ManifestIdReused);

    /// <summary>A rotation's manifest was not issued after the current one.</summary>
    public const string RotationNotNewer = nameof(RotationNotNewer);

    /// <summary>The revocation envelope or payload is malformed, non-canonical or breaks a rule.</summary>
    public const string RevocationMalformed = nameof(RevocationMalformed);

    /// <summary>The authority given for a revocation is not the current manifest's issuer domain.</summary>
    public const string AuthorityDomainMismatch = nameof(AuthorityDomainMismatch);

    /// <summary>No signature on the revocation verifies under a key of the issuer domain.</summary>
    public const string RevocationSignatureInvalid = nameof(RevocationSignatureInvalid);

    /// <summary>The revocation is signed only by the key that issued the current manifest.</summary>
    public const string RevokerIsIssuer = nameof(RevokerIsIssuer);

    /// <summary>The revocation's signers hold neither <c>publisher</c> nor <c>auditor</c>.</summary>
    public const string RevokerNotAuthorised = nameof(RevokerNotAuthorised);

    /// <summary>The revocation names a manifest other than the current one.</summary>
    public const string RevocationManifestMismatch = nameof(RevocationManifestMismatch);

    /// <summary>The revocation's <c>revoked_at</c> lies in the future beyond the allowed clock skew.</summary>
    public const string RevocationInFuture = nameof(RevocationInFuture);

    /// <summary>A different revocation was sent for an agent that is already revoked.</summary>
    public const string AlreadyRevoked = nameof(AlreadyRevoked);
}
