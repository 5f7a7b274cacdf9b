using System.Text.Json.Serialization;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.RuntimeManifests;

namespace ActorTrust.Core.Sessions;

/// <summary>
/// Everything an admission decision rested on, recorded in <c>session.admitted.v1</c> and <c>session.refused.v1</c>:
/// the inputs, their digests, and the versions of the agent and issuer domain consulted. A refusal records what
/// was established up to the failing step (<see cref="Manifest"/> is null when the claims step refused).
/// </summary>
/// <param name="SessionId">The session.</param>
/// <param name="Subject">The authenticated subject.</param>
/// <param name="SubjectSource">Where the subject came from.</param>
/// <param name="DevMode">Whether the node ran in dev mode.</param>
/// <param name="Transport">The authenticated connection's transport facts.</param>
/// <param name="Audience">The node's audience.</param>
/// <param name="PolicyPosture">The claims posture in force.</param>
/// <param name="Claims">What the claims step established.</param>
/// <param name="PolicyBundleHash">The policy bundle the node loaded.</param>
/// <param name="ToolCatalogHash">The tool catalog the node loaded.</param>
/// <param name="DecidedAt">The decision time.</param>
/// <param name="RuntimeAllowListDigest">The digest of the runtime identity allow-list in force (<see cref="RuntimeAllowList.DigestOf"/>), or null when none.</param>
/// <param name="Manifest">What the manifest-binding step consulted, or null when it was not reached.</param>
public sealed record AdmissionFacts(
    SpiffeId SessionId,
    SpiffeId Subject,
    SubjectSource SubjectSource,
    bool DevMode,
    TransportFacts Transport,
    string Audience,
    PolicyPosture PolicyPosture,
    ClaimsOutcome Claims,
    Digest PolicyBundleHash,
    Digest ToolCatalogHash,
    DateTimeOffset DecidedAt,
    Digest? RuntimeAllowListDigest = null,
    ManifestConsulted? Manifest = null);

/// <summary>What the claims step of admission established.</summary>
/// <param name="Disposition">Verified, unavailable, detached, invalid or missing.</param>
/// <param name="Detail">Why the claims are degraded or refused; null when verified, or missing under posture none.</param>
/// <param name="ClaimsDigest"><c>sha256:</c> of the claims payload bytes, once the envelope was read.</param>
/// <param name="Nonce">The claims nonce, when the bundle is known to come from the peer (for the node's nonce ledger).</param>
/// <param name="ExpiresAt">The claims' expiry, with <paramref name="Nonce"/> (how long the ledger must keep it).</param>
/// <param name="RuntimeManifest">The verified runtime manifest (mutable variables included, for operators).</param>
/// <param name="RuntimeIdentityDigest">Its identity digest, when verified.</param>
/// <param name="RuntimeManifestDigest">Its manifest digest, when verified.</param>
/// <param name="ClaimsProfileId">Its claims profile id, when verified and given.</param>
/// <param name="ProofPosture">The bundle's proof posture, when verified.</param>
/// <param name="Envelope">The verified claims envelope as canonical DSSE JSON text.</param>
public sealed record ClaimsOutcome(
    ClaimsDisposition Disposition,
    string? Detail = null,
    Digest? ClaimsDigest = null,
    string? Nonce = null,
    DateTimeOffset? ExpiresAt = null,
    RuntimeManifest? RuntimeManifest = null,
    Digest? RuntimeIdentityDigest = null,
    Digest? RuntimeManifestDigest = null,
    string? ClaimsProfileId = null,
    ProofPosture? ProofPosture = null,
    string? Envelope = null)
{
    /// <summary>True when the session runs with less than verified claims although claims were expected or presented.</summary>
    [JsonIgnore]
    public bool IsDegraded => Disposition is ClaimsDisposition.Unavailable or ClaimsDisposition.Detached or ClaimsDisposition.Invalid;
}

/// <summary>What the manifest-binding step of admission consulted.</summary>
/// <param name="AgentId">The agent entity read.</param>
/// <param name="AgentStatus">Its status.</param>
/// <param name="AgentVersion">Its version when read.</param>
/// <param name="Binding">Its binding (manifest id and digest, issuer and key, approved hashes, expiry), when active.</param>
/// <param name="PresentedManifestDigest">The payload digest of the manifest envelope presented with the command, if one was.</param>
/// <param name="Authority">The issuer domain authority version consulted, if one was given.</param>
public sealed record ManifestConsulted(
    SpiffeId AgentId,
    AgentStatus AgentStatus,
    long AgentVersion,
    AgentBinding? Binding = null,
    Digest? PresentedManifestDigest = null,
    AuthorityReference? Authority = null);
