using System.Text.Json.Serialization;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Peers;

namespace ActorTrust.Core.Federation.Migrations;

/// <summary>A migration status change; <see cref="PeerDecider.Evolve"/> refuses one the <see cref="MigrationTransitions"/> table does not allow.</summary>
public interface IMigrationTransition
{
    /// <summary>The migration.</summary>
    string MigrationId { get; }

    /// <summary>The status it moves to.</summary>
    MigrationStatus To { get; }
}

/// <summary>A migration was planned under a migrate grant.</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="GrantId">The grant it runs under.</param>
/// <param name="RemoteSubject">The grant's remote subject.</param>
/// <param name="Plan">The plan and item manifest.</param>
/// <param name="PeerJurisdiction">The peer's disclosed jurisdiction.</param>
/// <param name="OurJurisdiction">Ours.</param>
/// <param name="CrossJurisdiction">True when they differ (commitment 8).</param>
/// <param name="Actor">The peer.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.migration-planned.v1")]
public sealed record MigrationPlanned(
    string MigrationId, string GrantId, string RemoteSubject, MigrationPlan Plan, string PeerJurisdiction, string OurJurisdiction, bool CrossJurisdiction,
    FederationActor Actor, DateTimeOffset At) : PeerEvent, IMigrationTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public MigrationStatus To => MigrationStatus.Planned;
}

/// <summary>Validation started (planned or conflict → validating) under <paramref name="ConflictPolicy"/>.</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="ConflictPolicy">The conflict policy from now on.</param>
/// <param name="Actor">Who.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.migration-validation-started.v1")]
public sealed record MigrationValidationStarted(string MigrationId, ConflictPolicy ConflictPolicy, FederationActor Actor, DateTimeOffset At)
    : PeerEvent, IMigrationTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public MigrationStatus To => MigrationStatus.Validating;
}

/// <summary>Validation passed (validating → transferring); conflicts the policy resolves are logged.</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Conflicts">The conflicts found and how the policy treats them.</param>
/// <param name="Actor">Who.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.migration-validated.v1")]
public sealed record MigrationValidated(string MigrationId, IReadOnlyList<MigrationConflict> Conflicts, FederationActor Actor, DateTimeOffset At)
    : PeerEvent, IMigrationTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public MigrationStatus To => MigrationStatus.Transferring;
}

/// <summary>Validation found conflicts under <c>fail</c> (validating → conflict).</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Conflicts">The conflicts.</param>
/// <param name="Actor">Who.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.migration-conflicted.v1")]
public sealed record MigrationConflicted(string MigrationId, IReadOnlyList<MigrationConflict> Conflicts, FederationActor Actor, DateTimeOffset At)
    : PeerEvent, IMigrationTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public MigrationStatus To => MigrationStatus.Conflict;
}

/// <summary>Content was received exactly as manifested (transferring → applying).</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Actor">Who.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.migration-transferred.v1")]
public sealed record MigrationTransferred(string MigrationId, FederationActor Actor, DateTimeOffset At) : PeerEvent, IMigrationTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public MigrationStatus To => MigrationStatus.Applying;
}

/// <summary>The migration was applied in one step (applying → completed): every item's outcome, under its source id.</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="RemoteSubject">The grant's remote subject.</param>
/// <param name="Outcomes">One per manifest item.</param>
/// <param name="ConflictLog">Every conflict, with what was done.</param>
/// <param name="MigrationOnly">True when the records must not be auto-synced.</param>
/// <param name="CrossJurisdiction">True when the data crossed jurisdictions.</param>
/// <param name="Actor">Who.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.migration-applied.v1")]
public sealed record MigrationApplied(
    string MigrationId, string RemoteSubject, IReadOnlyList<MigrationOutcome> Outcomes, IReadOnlyList<MigrationConflict> ConflictLog, bool MigrationOnly,
    bool CrossJurisdiction, FederationActor Actor, DateTimeOffset At) : PeerEvent, IMigrationTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public MigrationStatus To => MigrationStatus.Completed;
}

/// <summary>The migration failed; nothing of it was applied.</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who.</param>
/// <param name="At">The decision time.</param>
/// <param name="ConflictLog">The conflicts that failed it, when a conflict did.</param>
[EventName("peer.migration-failed.v1")]
public sealed record MigrationFailed(string MigrationId, string Reason, FederationActor Actor, DateTimeOffset At, IReadOnlyList<MigrationConflict>? ConflictLog = null)
    : PeerEvent, IMigrationTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public MigrationStatus To => MigrationStatus.Failed;
}

/// <summary>The migration was cancelled before being applied.</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.migration-cancelled.v1")]
public sealed record MigrationCancelled(string MigrationId, string Reason, FederationActor Actor, DateTimeOffset At) : PeerEvent, IMigrationTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public MigrationStatus To => MigrationStatus.Cancelled;
}

/// <summary>A migration as the peer state keeps it.</summary>
/// <param name="Planned">The planning event (plan, grant, jurisdictions).</param>
/// <param name="Status">Where it is.</param>
/// <param name="ConflictPolicy">The conflict policy in force.</param>
/// <param name="ConflictLog">The conflicts logged by the latest validation or the application.</param>
/// <param name="UpdatedAt">The time of its latest event.</param>
public sealed record PeerMigration(MigrationPlanned Planned, MigrationStatus Status, ConflictPolicy ConflictPolicy, IReadOnlyList<MigrationConflict> ConflictLog, DateTimeOffset UpdatedAt)
{
    /// <summary>The migration id.</summary>
    [JsonIgnore]
    public string Id => Planned.MigrationId;

    /// <summary>True while neither completed, failed nor cancelled.</summary>
    [JsonIgnore]
    public bool IsInFlight => !MigrationTransitions.IsTerminal(Status);
}
