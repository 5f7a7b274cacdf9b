using System.Text.Json.Serialization;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Agents;

/// <summary>The outcome classes of Agent Manifest verification (the agent-manifest SDK's <c>OverallResult</c>).</summary>
public enum ManifestVerdictStatus
{
    /// <summary>Signed by a publisher of the issuer domain, well-formed, current and matching every expectation.</summary>
    [JsonStringEnumMemberName("VALID")]
    Valid = 1,

    /// <summary>Authenticated material disagrees with the context: a hash, the issuer, the signer's role, a tampered signature.</summary>
    [JsonStringEnumMemberName("MISMATCH")]
    Mismatch = 2,

    /// <summary>The manifest's <c>expires_at</c> has passed.</summary>
    [JsonStringEnumMemberName("EXPIRED")]
    Expired = 3,

    /// <summary>The manifest or its agent has been revoked.</summary>
    [JsonStringEnumMemberName("REVOKED")]
    Revoked = 4,

    /// <summary>The envelope or the signed payload is not a complete, well-formed v1 manifest (missing, unknown or ill-typed members, non-canonical bytes).</summary>
    [JsonStringEnumMemberName("INCOMPLETE")]
    Incomplete = 5,

    /// <summary>The payload names a schema other than <see cref="AgentManifest.SchemaV1"/>.</summary>
    [JsonStringEnumMemberName("INCOMPATIBLE_VERSION")]
    IncompatibleVersion = 6,

    /// <summary>The envelope carries no signature.</summary>
    [JsonStringEnumMemberName("SIGNATURE_MISSING")]
    SignatureMissing = 7,

    /// <summary>No trusted key is available to check the signature. Never to be treated as valid.</summary>
    [JsonStringEnumMemberName("UNVERIFIABLE")]
    Unverifiable = 8,
}

/// <summary>
/// The verdict on one Agent Manifest envelope: a status class, a fine-grained reason code (one of
/// <see cref="AgentRejectionCodes"/>, or <c>Valid</c>), a sentence, and whatever was established on the way.
/// </summary>
/// <param name="Status">The outcome class.</param>
/// <param name="Code">The stable reason code; deciders refuse with this code.</param>
/// <param name="Reason">A human-readable explanation.</param>
public sealed record ManifestVerdict(ManifestVerdictStatus Status, string Code, string Reason)
{
    /// <summary>The code of a valid verdict.</summary>
    public const string ValidCode = "Valid";

    /// <summary>The manifest, once its signature verified and its payload was read; otherwise null.</summary>
    public AgentManifest? Manifest { get; init; }

    /// <summary><c>sha256:</c> of the exact payload bytes, once the envelope was read; otherwise null.</summary>
    public Digest? ManifestDigest { get; init; }

    /// <summary>The key id of the issuer key that signed, when the verdict is <see cref="ManifestVerdictStatus.Valid"/>.</summary>
    public Digest? SignerKeyId { get; init; }

    /// <summary>True only for <see cref="ManifestVerdictStatus.Valid"/>.</summary>
    [JsonIgnore]
    public bool IsValid => Status == ManifestVerdictStatus.Valid;
}
