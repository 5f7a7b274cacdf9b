using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Lineage;

/// <summary>
/// The state of one <c>lineage</c> entity. Immutable; changed only by <see cref="LineageDecider.Evolve"/>.
/// Serialisable with the ActorTrust JSON options. Queries: <see cref="Head"/>, <see cref="Status"/> (and
/// <see cref="StatusAt"/>, which applies the clocks), <see cref="Epoch"/>, and <see cref="Chain"/> — the full chain,
/// every link of which was verified (signature, parent, tick, epoch) when it was committed.
/// </summary>
public sealed record LineageState
{
    /// <summary>The state of a lineage with no events.</summary>
    public static LineageState Empty { get; } = new();

    /// <summary>Where authority is.</summary>
    public AuthorityStatus Status { get; init; }

    /// <summary>The current epoch; null while Unassigned.</summary>
    public Epoch? Epoch { get; init; }

    /// <summary>The executor holding (or, in RecoveryRequired and Retired, last holding) authority; null while Unassigned.</summary>
    public Digest? Owner { get; init; }

    /// <summary>The owner's lease; null while Unassigned.</summary>
    public Lease? Lease { get; init; }

    /// <summary>The handoff in flight, or the last one (kept so re-delivered handoff commands are idempotent).</summary>
    public HandoffRecord? Handoff { get; init; }

    /// <summary>Why the lineage last entered RecoveryRequired, or null if it never did.</summary>
    public RecoveryCause? Recovery { get; init; }

    /// <summary>The highest domain authority manifest version used; an older roster is refused.</summary>
    public long AuthorityVersion { get; init; }

    /// <summary>Every tenure, one per major epoch, oldest first; the last is the current (or last) owner's.</summary>
    public ImmutableList<Tenure> Tenures { get; init; } = [];

    /// <summary>The committed checkpoints, genesis first; each one's parent is the previous one's digest.</summary>
    public ImmutableList<CommittedCheckpoint> Chain { get; init; } = [];

    /// <summary>The side effects authorised, in order; each effect digest at most once.</summary>
    public ImmutableList<AuthorizedEffect> Effects { get; init; } = [];

    /// <summary>The authority violations recorded (evidence id and kind), so a re-delivered violation is not recorded twice.</summary>
    public ImmutableList<RecordedViolation> Violations { get; init; } = [];

    /// <summary>The head checkpoint, or null before the first commit.</summary>
    [JsonIgnore]
    public CommittedCheckpoint? Head => Chain.IsEmpty ? null : Chain[^1];

    /// <summary>The head's digest, or <see cref="Checkpoint.GenesisParent"/> before the first commit (what the next checkpoint names as parent).</summary>
    [JsonIgnore]
    public Digest HeadDigest => Head?.Digest ?? Checkpoint.GenesisParent;

    /// <summary>
    /// The status with the clocks applied at <paramref name="now"/>: RecoveryRequired once the owner's lease is past
    /// its grace (ActiveOwner, HandoffInitiated) or a sent transfer is past its deadline (HandoffPending) — what the
    /// next command will record.
    /// </summary>
    public AuthorityStatus StatusAt(DateTimeOffset now) => LineageClocks.Expired(this, now) is null ? Status : AuthorityStatus.RecoveryRequired;

    /// <summary>
    /// The earliest instant at which <see cref="StatusAt"/> differs from <see cref="Status"/> (the owner's grace end,
    /// or a sent transfer's confirmation deadline), or null when no clock runs. A node's deadline index orders
    /// lineages by it, so a periodic check touches only those that are due.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? NextDeadline => LineageClocks.NextDeadline(this);

    /// <summary>
    /// True when <paramref name="executor"/> could commit a checkpoint at <paramref name="epoch"/> at
    /// <paramref name="now"/>: it is the ActiveOwner, the epoch is the current one, and the lease is valid.
    /// </summary>
    public bool CanCommit(Digest executor, Epoch epoch, DateTimeOffset now) =>
        Status == AuthorityStatus.ActiveOwner && Owner == executor && Epoch == epoch && Lease is { } lease && lease.IsValidAt(now);

    /// <summary>The operator's view at <paramref name="now"/> (<c>actortrust lineage show</c>).</summary>
    public LineageSnapshot SnapshotAt(DateTimeOffset now) =>
        new(Status, StatusAt(now), Chain.Count, HeadDigest, Violations.Count, Epoch, Owner, Lease, Head?.Checkpoint.Tick, Handoff, Recovery);
}

/// <summary>A lineage as an operator sees it.</summary>
/// <param name="Status">The recorded authority status.</param>
/// <param name="EffectiveStatus">The status with the clocks applied (<see cref="LineageState.StatusAt"/>).</param>
/// <param name="ChainLength">How many checkpoints are committed.</param>
/// <param name="Head">The head digest (<see cref="Checkpoint.GenesisParent"/> when none).</param>
/// <param name="ViolationCount">How many authority violations are recorded.</param>
/// <param name="Epoch">The current epoch, once granted.</param>
/// <param name="Owner">The owner, once granted.</param>
/// <param name="Lease">The owner's lease, once granted.</param>
/// <param name="HeadTick">The head's tick, once a checkpoint is committed.</param>
/// <param name="Handoff">The handoff in flight or the last one.</param>
/// <param name="Recovery">Why recovery was last required.</param>
public sealed record LineageSnapshot(
    AuthorityStatus Status,
    AuthorityStatus EffectiveStatus,
    int ChainLength,
    Digest Head,
    int ViolationCount,
    Epoch? Epoch = null,
    Digest? Owner = null,
    Lease? Lease = null,
    long? HeadTick = null,
    HandoffRecord? Handoff = null,
    RecoveryCause? Recovery = null);

/// <summary>One executor's hold on the lineage for one major epoch.</summary>
/// <param name="Executor">The executor's key id.</param>
/// <param name="Since">The epoch the tenure began at (generation 0).</param>
/// <param name="Start">Granted, handed off or recovered.</param>
/// <param name="Checkpoint">The head it resumed from (<see cref="Checkpoint.GenesisParent"/> when none).</param>
/// <param name="StartedAt">The decision time.</param>
public sealed record Tenure(Digest Executor, Epoch Since, TenureStart Start, Digest Checkpoint, DateTimeOffset StartedAt);

/// <summary>A checkpoint in the chain.</summary>
/// <param name="Digest">Its digest (of the exact payload bytes).</param>
/// <param name="Checkpoint">The checkpoint.</param>
/// <param name="CommittedAt">The decision time.</param>
public sealed record CommittedCheckpoint(Digest Digest, Checkpoint Checkpoint, DateTimeOffset CommittedAt);

/// <summary>A handoff: who to whom, from which epoch, how far it got, and what was sent by when.</summary>
/// <param name="From">The owner handing off.</param>
/// <param name="To">The target.</param>
/// <param name="Epoch">The owner's epoch when it began.</param>
/// <param name="Stage">How far it got.</param>
/// <param name="Checkpoint">The head when it began, then the checkpoint sent.</param>
/// <param name="StartedAt">When it began.</param>
/// <param name="Deadline">Once sent: the time by which the target must confirm.</param>
public sealed record HandoffRecord(Digest From, Digest To, Epoch Epoch, HandoffStage Stage, Digest Checkpoint, DateTimeOffset StartedAt, DateTimeOffset? Deadline = null);

/// <summary>Why and when the lineage entered RecoveryRequired.</summary>
/// <param name="Reason">The reason.</param>
/// <param name="Detail">What was found, for people.</param>
/// <param name="At">The decision time.</param>
public sealed record RecoveryCause(RecoveryReason Reason, string Detail, DateTimeOffset At);

/// <summary>A side effect the lineage authorised.</summary>
/// <param name="Effect">The effect digest.</param>
/// <param name="Executor">The owner it was authorised to.</param>
/// <param name="Epoch">The owner's epoch.</param>
/// <param name="At">The decision time.</param>
public sealed record AuthorizedEffect(Digest Effect, Digest Executor, Epoch Epoch, DateTimeOffset At);

/// <summary>A violation already recorded: its evidence id (the offending checkpoint's digest, or the request's) and kind.</summary>
/// <param name="EvidenceId">The evidence id.</param>
/// <param name="Kind">The kind.</param>
public sealed record RecordedViolation(Digest EvidenceId, ViolationKind Kind);
