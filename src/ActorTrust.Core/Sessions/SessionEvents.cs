using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.TrustRecords;

namespace ActorTrust.Core.Sessions;

/// <summary>An event in a <c>session</c> entity's journal (the session's audit log).</summary>
public abstract record SessionEvent;

/// <summary>The session was admitted; it is open.</summary>
/// <param name="Facts">Every input digest and the agent and domain versions the admission relied on.</param>
[EventName("session.admitted.v1")]
public sealed record SessionAdmitted(AdmissionFacts Facts) : SessionEvent;

/// <summary>The session was refused; the refusal is the entity's whole (and final) history.</summary>
/// <param name="Code">The refusal code (<see cref="SessionRejectionCodes"/>).</param>
/// <param name="Reason">Why, for people.</param>
/// <param name="Facts">What admission had established when it refused.</param>
[EventName("session.refused.v1")]
public sealed record SessionRefused(string Code, string Reason, AdmissionFacts Facts) : SessionEvent;

/// <summary>A tool call was recorded in the open session's transcript.</summary>
/// <param name="Call">The call.</param>
/// <param name="CallNumber">Its number in the transcript, from 1.</param>
/// <param name="TranscriptHash">The transcript hash after this call (<see cref="ToolTranscript"/>).</param>
/// <param name="At">The decision time.</param>
[EventName("session.tool-called.v1")]
public sealed record ToolCalled(ToolCall Call, long CallNumber, Digest TranscriptHash, DateTimeOffset At) : SessionEvent;

/// <summary>The session was closed and its Trust Record signed by the node.</summary>
/// <param name="Record">The Trust Record.</param>
/// <param name="RecordHash">Its hash (<see cref="TrustRecord.HashOf"/>), the next record's <c>previous_record_hash</c>.</param>
/// <param name="Envelope">The signed record as canonical DSSE JSON text.</param>
/// <param name="ClosedAt">The decision time.</param>
[EventName("session.closed.v1")]
public sealed record SessionClosed(TrustRecord Record, Digest RecordHash, string Envelope, DateTimeOffset ClosedAt) : SessionEvent;
