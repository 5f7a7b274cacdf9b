using System.Text.Json.Serialization;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Sessions;

/// <summary>Where a session is in its life.</summary>
public enum SessionStatus
{
    /// <summary>No admission has been decided.</summary>
    Unopened = 0,

    /// <summary>Admitted; tool calls are recorded.</summary>
    Open = 1,

    /// <summary>Refused at admission; final.</summary>
    Refused = 2,

    /// <summary>Closed with a signed Trust Record; final.</summary>
    Closed = 3,
}

/// <summary>
/// The state of one <c>session</c> entity. Immutable; changed only by <see cref="SessionDecider.Evolve"/>.
/// Serialisable with the ActorTrust JSON options. The transcript is kept as its running hash and count only.
/// </summary>
/// <param name="Status">Unopened, open, refused or closed.</param>
/// <param name="TranscriptHash">The tool transcript hash so far (<see cref="ToolTranscript.Empty"/> before any call).</param>
/// <param name="CallCount">The number of tool calls recorded.</param>
/// <param name="Admission">What admission established (admitted or refused), or null before.</param>
/// <param name="Refusal">The refusal, when refused.</param>
/// <param name="Closure">The close event with the signed Trust Record, once closed.</param>
public sealed record SessionState(
    SessionStatus Status, Digest TranscriptHash, long CallCount, AdmissionFacts? Admission = null, Rejection? Refusal = null, SessionClosed? Closure = null)
{
    /// <summary>The state of a session with no events.</summary>
    public static SessionState Empty { get; } = new(SessionStatus.Unopened, ToolTranscript.Empty, 0);

    /// <summary>The operator's view of the session's claims posture, or null before admission.</summary>
    [JsonIgnore]
    public SessionSnapshot? Snapshot => Admission is not { } facts ? null : new SessionSnapshot(
        Status, facts.PolicyPosture, facts.Claims.Disposition, facts.Claims.RuntimeIdentityDigest, facts.Claims.RuntimeManifestDigest,
        facts.Claims.ClaimsProfileId, facts.Claims.ProofPosture, facts.Claims.IsDegraded ? facts.Claims.Detail : null, Refusal?.Code, CallCount);
}

/// <summary>
/// The per-session view an operator sees (<c>actortrust session show</c>): the posture in force, what the claims
/// verification concluded, the runtime digests, the claims profile and proof posture, and why it is degraded.
/// </summary>
/// <param name="Status">The session's status.</param>
/// <param name="PolicyPosture">The claims posture in force at admission.</param>
/// <param name="Disposition">Verified, unavailable, detached, invalid or missing.</param>
/// <param name="IdentityDigest">The runtime identity digest, when the claims verified.</param>
/// <param name="ManifestDigest">The runtime manifest digest, when the claims verified.</param>
/// <param name="ClaimsProfileId">The claims profile id, when the claims verified and named one.</param>
/// <param name="ProofPosture">The claims' proof posture, when verified.</param>
/// <param name="DegradedDetail">Why the session is degraded (unavailable, detached or invalid claims); null otherwise.</param>
/// <param name="RefusalCode">The refusal code, when refused.</param>
/// <param name="CallCount">Tool calls recorded so far.</param>
public sealed record SessionSnapshot(
    SessionStatus Status,
    PolicyPosture PolicyPosture,
    ClaimsDisposition Disposition,
    Digest? IdentityDigest,
    Digest? ManifestDigest,
    string? ClaimsProfileId,
    ProofPosture? ProofPosture,
    string? DegradedDetail,
    string? RefusalCode,
    long CallCount);
