using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Agents;

/// <summary>
/// Agent Manifest v1 (source 001): binds an agent's SPIFFE ID to the hashes of the prompt, policy bundle
/// and tool catalog an operator approved. Signed as a DSSE envelope of type
/// <see cref="Envelopes.PayloadTypes.AgentManifest"/> over its canonical (RFC 8785) bytes by a key that
/// holds <c>publisher</c> in the issuer domain. Every member is signed; unknown members are refused.
/// </summary>
/// <param name="Schema">Always <see cref="SchemaV1"/>; anything else is INCOMPATIBLE_VERSION.</param>
/// <param name="ManifestId">This manifest's id, 1 to 128 characters of <c>[A-Za-z0-9._:-]</c> (a UUID fits).</param>
/// <param name="AgentId">The agent's SPIFFE ID; its trust domain must be <paramref name="Issuer"/>.</param>
/// <param name="Issuer">The issuer's trust domain name: the domain whose authority manifest vouches for the signer.</param>
/// <param name="IssuerKeyId">The key id of the publisher key that signed this manifest.</param>
/// <param name="PromptHash">Digest of the approved system prompt.</param>
/// <param name="PolicyBundleHash">Digest of the approved policy bundle.</param>
/// <param name="ToolCatalogHash">Digest of the approved tool catalog.</param>
/// <param name="IssuedAt">When the manifest was issued; not accepted beyond a small clock skew in the future.</param>
/// <param name="ExpiresAt">When the manifest stops being valid (exclusive); after <paramref name="IssuedAt"/>.</param>
/// <param name="PreviousManifestId">The manifest this one replaces, or null for an agent's first manifest.</param>
public sealed record AgentManifest(
    string Schema,
    string ManifestId,
    SpiffeId AgentId,
    string Issuer,
    Digest IssuerKeyId,
    Digest PromptHash,
    Digest PolicyBundleHash,
    Digest ToolCatalogHash,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string? PreviousManifestId = null)
{
    /// <summary>The schema identifier of this format.</summary>
    public const string SchemaV1 = "actortrust.agent-manifest/v1";

    /// <summary>The longest manifest id accepted.</summary>
    public const int MaxManifestIdLength = 128;

    /// <summary>True when the manifest has expired at <paramref name="now"/> (expiry is exclusive).</summary>
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>True when <paramref name="id"/> is a well-formed manifest id.</summary>
    public static bool IsValidManifestId(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxManifestIdLength
        && id.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or ':' or '-');
}
