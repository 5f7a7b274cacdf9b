using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Agents;

/// <summary>
/// An event in an <c>agent</c> entity's journal. Each carries the parsed document (what
/// <see cref="AgentDecider.Evolve"/> applies), the signed envelope as canonical DSSE JSON text for offline
/// re-verification, and which issuer-domain authority version was relied on.
/// </summary>
public abstract record AgentEvent;

/// <summary>An agent was registered with its first manifest.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Manifest">The manifest.</param>
/// <param name="ManifestDigest"><c>sha256:</c> of the exact payload bytes.</param>
/// <param name="Envelope">The envelope as canonical DSSE JSON text.</param>
/// <param name="Authority">The issuer domain authority version used.</param>
/// <param name="AcceptedAt">The decision time.</param>
[EventName("agent.registered.v1")]
public sealed record AgentRegistered(
    SpiffeId AgentId, AgentManifest Manifest, Digest ManifestDigest, string Envelope, AuthorityReference Authority, DateTimeOffset AcceptedAt)
    : AgentEvent;

/// <summary>An agent's manifest was replaced by a newer one.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="PreviousManifestId">The manifest id replaced.</param>
/// <param name="Manifest">The new manifest.</param>
/// <param name="ManifestDigest"><c>sha256:</c> of the new manifest's exact payload bytes.</param>
/// <param name="Envelope">The envelope as canonical DSSE JSON text.</param>
/// <param name="Authority">The issuer domain authority version used.</param>
/// <param name="AcceptedAt">The decision time.</param>
[EventName("agent.rotated.v1")]
public sealed record AgentRotated(
    SpiffeId AgentId, string PreviousManifestId, AgentManifest Manifest, Digest ManifestDigest, string Envelope, AuthorityReference Authority, DateTimeOffset AcceptedAt)
    : AgentEvent;

/// <summary>An agent was revoked; it accepts no further manifests.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Revocation">The signed revocation.</param>
/// <param name="RevocationDigest"><c>sha256:</c> of the revocation's exact payload bytes.</param>
/// <param name="RevokerKeyId">The key id of the publisher or auditor whose signature authorised it.</param>
/// <param name="Envelope">The envelope as canonical DSSE JSON text.</param>
/// <param name="Authority">The issuer domain authority version used.</param>
/// <param name="AcceptedAt">The decision time.</param>
[EventName("agent.revoked.v1")]
public sealed record AgentRevoked(
    SpiffeId AgentId, AgentRevocation Revocation, Digest RevocationDigest, Digest RevokerKeyId, string Envelope, AuthorityReference Authority, DateTimeOffset AcceptedAt)
    : AgentEvent;
