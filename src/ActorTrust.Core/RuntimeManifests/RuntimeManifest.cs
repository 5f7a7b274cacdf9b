using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.RuntimeManifests;

/// <summary>
/// Runtime Manifest v1 (source 000): what a peer ran a session on. Everything except
/// <paramref name="MutableVariables"/> is identity-relevant and covered by <see cref="RuntimeManifestDigests.Identity"/>;
/// the mutable variables are shown to operators and covered only by <see cref="RuntimeManifestDigests.Manifest"/>,
/// so a changed live knob is visible without silently becoming a different execution identity.
/// </summary>
/// <remarks>
/// Lists may arrive in any order and with repeats; the digests are computed over the
/// <see cref="RuntimeManifestDigests.Normalize">normalised</see> form (sorted, de-duplicated), so they do not
/// depend on insertion order. Every list member is required (it may be empty); optional scalars are omitted
/// when absent. Serialised with the ActorTrust JSON options (snake_case).
/// </remarks>
/// <param name="Schema">Always <see cref="SchemaV1"/>.</param>
/// <param name="RuntimeBackend">The execution backend, e.g. <c>cuda</c>, <c>cpu</c>, <c>metal</c>.</param>
/// <param name="Toolchain">The backend toolchain the lane was bound to.</param>
/// <param name="SelectedDevices">The devices selected for the lane.</param>
/// <param name="EnvironmentRefs">Identity-relevant environment references (images, packages), sorted lexically.</param>
/// <param name="ArtifactBindings">Artifacts bound to the lane, sorted by (reference, digest).</param>
/// <param name="StaticConfigBindings">Static configuration that changes execution identity, digest-bound, sorted by key.</param>
/// <param name="MutableVariables">Observed runtime variables excluded from the identity digest, sorted by key.</param>
/// <param name="Validation">The validation matrix the runtime was checked against, or null.</param>
/// <param name="ClaimsProfileId">The claims profile this manifest is written for, or null.</param>
public sealed record RuntimeManifest(
    string Schema,
    string RuntimeBackend,
    RuntimeToolchain Toolchain,
    IReadOnlyList<RuntimeDevice> SelectedDevices,
    IReadOnlyList<string> EnvironmentRefs,
    IReadOnlyList<ArtifactBinding> ArtifactBindings,
    IReadOnlyList<StaticConfigBinding> StaticConfigBindings,
    IReadOnlyList<MutableVariable> MutableVariables,
    ValidationReference? Validation = null,
    string? ClaimsProfileId = null)
{
    /// <summary>The schema identifier of this format.</summary>
    public const string SchemaV1 = "actortrust.runtime-manifest/v1";

    /// <summary>The most entries any one list may hold.</summary>
    public const int MaxListLength = 256;

    /// <summary>The identity digest: covers everything but the mutable variables.</summary>
    public Digest IdentityDigest() => RuntimeManifestDigests.Identity(this);

    /// <summary>The manifest digest: covers the identity digest and the mutable variables.</summary>
    public Digest ManifestDigest() => RuntimeManifestDigests.Manifest(this);

    /// <summary>Returns null when the manifest is well-formed, else the first rule it breaks.</summary>
    public string? Validate() => RuntimeManifestRules.Validate(this);
}
