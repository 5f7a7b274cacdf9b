using ActorTrust.Core.Agents;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Lineage;

/// <summary>
/// An event in a <c>lineage</c> entity's journal (the agent's authority audit log). Events that rely on the agent's
/// domain record the authority manifest version used.
/// </summary>
public abstract record LineageEvent;

/// <summary>The first executor was granted authority at epoch (1, 0).</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Executor">The executor granted authority.</param>
/// <param name="Operator">The operator who granted it.</param>
/// <param name="Epoch">Always (1, 0).</param>
/// <param name="Lease">The executor's lease.</param>
/// <param name="Authority">The domain authority version used.</param>
/// <param name="At">The decision time.</param>
/// <param name="OperatorAuthentication">How the node authenticated the operator (<c>token</c>, <c>certificate</c>, <c>insecure</c>); absent in events recorded before it was kept.</param>
[EventName("lineage.authority-granted.v1")]
public sealed record AuthorityGranted(
    SpiffeId AgentId, Digest Executor, string Operator, Epoch Epoch, Lease Lease, AuthorityReference Authority, DateTimeOffset At,
    string? OperatorAuthentication = null) : LineageEvent;

/// <summary>The owner renewed its lease; the generation was bumped.</summary>
/// <param name="Executor">The owner.</param>
/// <param name="PreviousEpoch">The epoch renewed.</param>
/// <param name="Epoch">The new epoch (same major, next generation).</param>
/// <param name="Lease">The new lease.</param>
/// <param name="Authority">The domain authority version used.</param>
/// <param name="At">The decision time.</param>
[EventName("lineage.lease-renewed.v1")]
public sealed record LeaseRenewed(Digest Executor, Epoch PreviousEpoch, Epoch Epoch, Lease Lease, AuthorityReference Authority, DateTimeOffset At) : LineageEvent;

/// <summary>A signed checkpoint was verified and appended to the chain; it is the new head.</summary>
/// <param name="CheckpointDigest">Its digest (of the exact payload bytes).</param>
/// <param name="Checkpoint">The checkpoint.</param>
/// <param name="Envelope">The signed envelope as canonical DSSE JSON text, for offline re-verification.</param>
/// <param name="Authority">The domain authority version whose executor key verified it.</param>
/// <param name="At">The decision time.</param>
[EventName("lineage.checkpoint-committed.v1")]
public sealed record CheckpointCommitted(Digest CheckpointDigest, Checkpoint Checkpoint, string Envelope, AuthorityReference Authority, DateTimeOffset At) : LineageEvent;

/// <summary>The owner began a handoff (HandoffInitiated).</summary>
/// <param name="From">The owner.</param>
/// <param name="To">The target executor.</param>
/// <param name="Epoch">The owner's epoch.</param>
/// <param name="Checkpoint">The head when it began.</param>
/// <param name="Authority">The domain authority version used.</param>
/// <param name="At">The decision time.</param>
[EventName("lineage.handoff-initiated.v1")]
public sealed record HandoffStarted(Digest From, Digest To, Epoch Epoch, Digest Checkpoint, AuthorityReference Authority, DateTimeOffset At) : LineageEvent;

/// <summary>The owner abandoned the handoff before sending; it is the ActiveOwner again at the same epoch.</summary>
/// <param name="From">The owner.</param>
/// <param name="To">The abandoned target.</param>
/// <param name="Epoch">The owner's epoch.</param>
/// <param name="At">The decision time.</param>
[EventName("lineage.handoff-aborted.v1")]
public sealed record HandoffAborted(Digest From, Digest To, Epoch Epoch, DateTimeOffset At) : LineageEvent;

/// <summary>The migration package was sent (HandoffPending); the target must confirm by the deadline.</summary>
/// <param name="From">The owner.</param>
/// <param name="To">The target.</param>
/// <param name="Epoch">The owner's epoch.</param>
/// <param name="Checkpoint">The checkpoint the package resumes from.</param>
/// <param name="Deadline">The confirmation deadline.</param>
/// <param name="At">The decision time.</param>
[EventName("lineage.transfer-sent.v1")]
public sealed record TransferSent(Digest From, Digest To, Epoch Epoch, Digest Checkpoint, DateTimeOffset Deadline, DateTimeOffset At) : LineageEvent;

/// <summary>The target confirmed; it owns the lineage at the next major epoch and the source's tenure is over.</summary>
/// <param name="From">The previous owner (retired from this lineage).</param>
/// <param name="To">The new owner.</param>
/// <param name="PreviousEpoch">The previous owner's epoch.</param>
/// <param name="Epoch">The new epoch (next major, generation 0).</param>
/// <param name="Checkpoint">The checkpoint the new owner resumed from.</param>
/// <param name="Lease">The new owner's lease.</param>
/// <param name="Authority">The domain authority version used.</param>
/// <param name="At">The decision time.</param>
[EventName("lineage.handoff-confirmed.v1")]
public sealed record HandoffConfirmed(
    Digest From, Digest To, Epoch PreviousEpoch, Epoch Epoch, Digest Checkpoint, Lease Lease, AuthorityReference Authority, DateTimeOffset At) : LineageEvent;

/// <summary>
/// The lineage entered RecoveryRequired (fail-stop). When the command that revealed it was refused,
/// <paramref name="RefusedCode"/> is that refusal's code, so a retried command gets it back.
/// </summary>
/// <param name="Reason">Why.</param>
/// <param name="Detail">What was found, for people.</param>
/// <param name="Epoch">The epoch at which authority stopped.</param>
/// <param name="At">The decision time.</param>
/// <param name="RefusedCode">The refusal code of the command that revealed it, or null when that command was accepted.</param>
[EventName("lineage.recovery-required.v1")]
public sealed record LineageRecoveryRequired(RecoveryReason Reason, string Detail, Epoch Epoch, DateTimeOffset At, string? RefusedCode = null) : LineageEvent;

/// <summary>An operator recovered the lineage: the named executor resumes from the head at the next major epoch.</summary>
/// <param name="Executor">The new owner.</param>
/// <param name="Operator">The operator.</param>
/// <param name="PreviousEpoch">The epoch at which authority had stopped.</param>
/// <param name="Epoch">The new epoch (next major, generation 0).</param>
/// <param name="Checkpoint">The head it resumes from.</param>
/// <param name="Lease">The new owner's lease.</param>
/// <param name="Authority">The domain authority version used.</param>
/// <param name="At">The decision time.</param>
/// <param name="OperatorAuthentication">How the node authenticated the operator (<c>token</c>, <c>certificate</c>, <c>insecure</c>); absent in events recorded before it was kept.</param>
[EventName("lineage.recovered.v1")]
public sealed record LineageRecovered(
    Digest Executor, string Operator, Epoch PreviousEpoch, Epoch Epoch, Digest Checkpoint, Lease Lease, AuthorityReference Authority, DateTimeOffset At,
    string? OperatorAuthentication = null) : LineageEvent;

/// <summary>An operator retired the lineage; final.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Epoch">The epoch at which authority ended.</param>
/// <param name="Checkpoint">The final head.</param>
/// <param name="At">The decision time.</param>
/// <param name="OperatorAuthentication">How the node authenticated the operator (<c>token</c>, <c>certificate</c>, <c>insecure</c>); absent in events recorded before it was kept.</param>
[EventName("lineage.retired.v1")]
public sealed record LineageRetired(string Operator, Epoch Epoch, Digest Checkpoint, DateTimeOffset At, string? OperatorAuthentication = null) : LineageEvent;

/// <summary>The owner was authorised to perform one side effect under its epoch.</summary>
/// <param name="Executor">The owner.</param>
/// <param name="Epoch">Its epoch.</param>
/// <param name="Effect">The side effect's digest.</param>
/// <param name="Checkpoint">The head at authorisation.</param>
/// <param name="Authority">The domain authority version used.</param>
/// <param name="At">The decision time.</param>
[EventName("lineage.side-effect-authorized.v1")]
public sealed record SideEffectAuthorized(Digest Executor, Epoch Epoch, Digest Effect, Digest Checkpoint, AuthorityReference Authority, DateTimeOffset At) : LineageEvent;

/// <summary>
/// An authority violation was refused and recorded with its evidence: the offending checkpoint (parsed, digest and
/// signed envelope) and the committed checkpoint it conflicts with (same parent or tick, else the head), or the
/// offending side-effect request.
/// </summary>
/// <param name="Kind">The violation.</param>
/// <param name="Detail">What was found, for people.</param>
/// <param name="Executor">The authenticated executor responsible (the signer, or the sender).</param>
/// <param name="EvidenceId">The offending checkpoint's digest, or the side-effect request's id.</param>
/// <param name="ClaimedEpoch">The epoch the offender claimed.</param>
/// <param name="Epoch">The lineage's epoch.</param>
/// <param name="Authority">The domain authority version whose key authenticated the offender.</param>
/// <param name="At">The decision time.</param>
/// <param name="Offending">The offending checkpoint, for checkpoint violations.</param>
/// <param name="Conflicting">The committed checkpoint it conflicts with, when there is one.</param>
/// <param name="Effect">The side effect asked for, for side-effect violations.</param>
[EventName("lineage.authority-violation.v1")]
public sealed record AuthorityViolated(
    ViolationKind Kind,
    string Detail,
    Digest Executor,
    Digest EvidenceId,
    Epoch ClaimedEpoch,
    Epoch Epoch,
    AuthorityReference Authority,
    DateTimeOffset At,
    OffendingCheckpoint? Offending = null,
    CommittedCheckpoint? Conflicting = null,
    Digest? Effect = null) : LineageEvent;

/// <summary>A checkpoint presented in violation of the lineage's authority, exactly as signed.</summary>
/// <param name="Digest">Its digest.</param>
/// <param name="Checkpoint">Its payload.</param>
/// <param name="Envelope">The signed envelope as canonical DSSE JSON text.</param>
public sealed record OffendingCheckpoint(Digest Digest, Checkpoint Checkpoint, string Envelope);
