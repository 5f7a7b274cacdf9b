using System.Text.Json.Serialization;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Agents;

/// <summary>Where an agent is in its life.</summary>
public enum AgentStatus
{
    /// <summary>No manifest has been registered.</summary>
    Unregistered = 0,

    /// <summary>A manifest is current.</summary>
    Active = 1,

    /// <summary>Revoked; no manifest is accepted any more.</summary>
    Revoked = 2,
}

/// <summary>An accepted manifest and the facts of its acceptance.</summary>
/// <param name="Manifest">The manifest.</param>
/// <param name="ManifestDigest"><c>sha256:</c> of its exact payload bytes.</param>
/// <param name="Authority">The issuer domain authority version it was checked against.</param>
/// <param name="AcceptedAt">The decision time.</param>
public sealed record AgentManifestEntry(AgentManifest Manifest, Digest ManifestDigest, AuthorityReference Authority, DateTimeOffset AcceptedAt);

/// <summary>An accepted revocation.</summary>
/// <param name="Revocation">The revocation.</param>
/// <param name="RevocationDigest"><c>sha256:</c> of its exact payload bytes.</param>
/// <param name="RevokerKeyId">The key whose signature authorised it.</param>
/// <param name="AcceptedAt">The decision time.</param>
public sealed record AgentRevocationEntry(AgentRevocation Revocation, Digest RevocationDigest, Digest RevokerKeyId, DateTimeOffset AcceptedAt);

/// <summary>
/// What session admission binds to: the agent, its current manifest and the hashes it approved. Admission
/// still checks <paramref name="ExpiresAt"/> against its own time.
/// </summary>
/// <param name="AgentId">The agent's SPIFFE ID (the session subject must equal it).</param>
/// <param name="ManifestId">The current manifest id.</param>
/// <param name="ManifestDigest">The current manifest's payload digest.</param>
/// <param name="Issuer">The issuer trust domain.</param>
/// <param name="IssuerKeyId">The publisher key that signed the manifest.</param>
/// <param name="PromptHash">The approved prompt hash.</param>
/// <param name="PolicyBundleHash">The approved policy-bundle hash.</param>
/// <param name="ToolCatalogHash">The approved tool-catalog hash.</param>
/// <param name="ExpiresAt">When the manifest expires.</param>
public sealed record AgentBinding(
    SpiffeId AgentId, string ManifestId, Digest ManifestDigest, string Issuer, Digest IssuerKeyId,
    Digest PromptHash, Digest PolicyBundleHash, Digest ToolCatalogHash, DateTimeOffset ExpiresAt);

/// <summary>
/// The state of one <c>agent</c> entity. Immutable; changed only by <see cref="AgentDecider.Evolve"/>.
/// Serialisable with the ActorTrust JSON options.
/// </summary>
/// <param name="AgentId">The agent, or null before registration.</param>
/// <param name="Status">Unregistered, active or revoked.</param>
/// <param name="Current">The current manifest, or null before registration.</param>
/// <param name="ManifestIds">Every manifest id this agent has had, oldest first (ids are never reused).</param>
/// <param name="Revocation">The revocation, once revoked.</param>
public sealed record AgentState(
    SpiffeId? AgentId, AgentStatus Status, AgentManifestEntry? Current, IReadOnlyList<string> ManifestIds, AgentRevocationEntry? Revocation)
{
    /// <summary>The state of an agent that has never been registered.</summary>
    public static AgentState Empty { get; } = new(null, AgentStatus.Unregistered, null, [], null);

    /// <summary>The binding facts for session admission while active; null when unregistered or revoked.</summary>
    [JsonIgnore]
    public AgentBinding? Binding => Status != AgentStatus.Active || Current is not { } entry ? null
        : new AgentBinding(
            entry.Manifest.AgentId, entry.Manifest.ManifestId, entry.ManifestDigest, entry.Manifest.Issuer, entry.Manifest.IssuerKeyId,
            entry.Manifest.PromptHash, entry.Manifest.PolicyBundleHash, entry.Manifest.ToolCatalogHash, entry.Manifest.ExpiresAt);

    /// <summary>What this agent contributes to a revocation list: itself and all its manifests once revoked; nothing before.</summary>
    [JsonIgnore]
    public RevocationList Revocations => Status == AgentStatus.Revoked && AgentId is not null
        ? new RevocationList(ManifestIds, [AgentId])
        : RevocationList.None;
}
