using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Governance;
using ActorTrust.Core.Federation.Peers;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;

namespace ActorTrust.Core.Federation.Migrations;

/// <summary>
/// Decides the steps of a planned migration. Every step needs the migration to exist and the table to allow its move;
/// steps that make progress also need a federating peer and a still-honoured grant — except within the grace period
/// after a revocation, when in-flight migrations may finish. After the grace period only the timer's
/// <see cref="EndMigrationGrace"/> touches them.
/// </summary>
internal static class MigrationSteps
{
    internal static Decision<PeerEvent> Start(PeerState state, StartMigrationValidation c, DecisionContext context)
    {
        if (Locate(state, c.MigrationId, MigrationStatus.Validating, progress: true, context, out var m) is { } refused)
        {
            return refused;
        }

        return c.ConflictPolicy is { } policy && !Enum.IsDefined(policy) ? PeerRefusal.Plain(CommandInvalid, $"conflict_policy {policy} is not defined")
            : Decision<PeerEvent>.Accept(new MigrationValidationStarted(m!.Id, c.ConflictPolicy ?? m.ConflictPolicy, c.Actor, context.Now));
    }

    internal static Decision<PeerEvent> CompleteValidation(PeerState state, CompleteMigrationValidation c, DecisionContext context)
    {
        if (Locate(state, c.MigrationId, MigrationStatus.Transferring, progress: true, context, out var m) is { } refused)
        {
            return refused;
        }

        if (PeerGuards.Shape(ConflictResolution.CheckExisting(m!, c.ExistingSourceIds)) is { } invalid)
        {
            return invalid;
        }

        var conflicts = ConflictResolution.Conflicts(m!, c.ExistingSourceIds, applied: false);
        return m!.ConflictPolicy == ConflictPolicy.Fail && conflicts.Count > 0
            ? Decision<PeerEvent>.Accept(new MigrationConflicted(m.Id, conflicts, c.Actor, context.Now))
            : Decision<PeerEvent>.Accept(new MigrationValidated(m.Id, conflicts, c.Actor, context.Now));
    }

    internal static Decision<PeerEvent> CompleteTransfer(PeerState state, CompleteMigrationTransfer c, DecisionContext context)
    {
        if (Locate(state, c.MigrationId, MigrationStatus.Applying, progress: true, context, out var m) is { } refused)
        {
            return refused;
        }

        var problem = c.Policy is null ? "policy is missing" : c.Policy.Validate() is { } p ? $"policy: {p}"
            : c.Received is null ? "received is missing"
            : c.Received.Select((item, i) => MigrationPlanning.Validate(item, $"received[{i}]")).FirstOrDefault(e => e is not null);
        if (PeerGuards.Shape(problem) is { } invalid)
        {
            return invalid;
        }

        if (ConflictResolution.TransferMismatch(m!, c.Received!) is not { } mismatch)
        {
            return Decision<PeerEvent>.Accept(new MigrationTransferred(m!.Id, c.Actor, context.Now));
        }

        var corrupted = new FindingBatch(state, c.Actor, context.Now).Raise(FindingKind.SyncStreamCorrupted, $"migration {m!.Id}: {mismatch}");
        return Decision<PeerEvent>.Accept([new MigrationFailed(m.Id, $"transfer does not match the manifest: {mismatch}", c.Actor, context.Now),
            .. corrupted.WithAutoSuspension(c.Policy!, state.Status)]);
    }

    internal static Decision<PeerEvent> Apply(PeerState state, ApplyMigration c, DecisionContext context)
    {
        if (Locate(state, c.MigrationId, MigrationStatus.Completed, progress: true, context, out var m) is { } refused)
        {
            return refused;
        }

        if (PeerGuards.Shape(ConflictResolution.CheckExisting(m!, c.ExistingSourceIds)) is { } invalid)
        {
            return invalid;
        }

        var conflicts = ConflictResolution.Conflicts(m!, c.ExistingSourceIds, applied: true);
        if (m!.ConflictPolicy == ConflictPolicy.Fail && conflicts.Count > 0)
        {
            return Decision<PeerEvent>.Accept(new MigrationFailed(m.Id, $"{conflicts.Count} conflicts under policy fail; nothing was applied", c.Actor, context.Now, conflicts));
        }

        var plan = m.Planned;
        return Decision<PeerEvent>.Accept(new MigrationApplied(
            m.Id, plan.RemoteSubject, ConflictResolution.Outcomes(m, c.ExistingSourceIds), conflicts, plan.Plan.MigrationOnly, plan.CrossJurisdiction, c.Actor, context.Now));
    }

    internal static Decision<PeerEvent> Fail(PeerState state, FailMigration c, DecisionContext context) =>
        PeerGuards.Shape(FederationText.Reason(c.Reason))
        ?? Locate(state, c.MigrationId, MigrationStatus.Failed, progress: false, context, out var m)
        ?? Decision<PeerEvent>.Accept(new MigrationFailed(m!.Id, c.Reason, c.Actor, context.Now));

    internal static Decision<PeerEvent> Cancel(PeerState state, CancelMigration c, DecisionContext context) =>
        PeerGuards.Shape(FederationText.Reason(c.Reason))
        ?? Locate(state, c.MigrationId, MigrationStatus.Cancelled, progress: false, context, out var m)
        ?? Decision<PeerEvent>.Accept(new MigrationCancelled(m!.Id, c.Reason, c.Actor, context.Now));

    internal static Decision<PeerEvent> EndGrace(PeerState state, EndMigrationGrace c, DecisionContext context)
    {
        if (state.Revocation is not { } revoked || context.Now < revoked.MigrationGraceUntil)
        {
            return Decision<PeerEvent>.Accept();
        }

        const string Reason = "the revocation's grace period for in-flight migrations ended";
        return Decision<PeerEvent>.Accept([.. state.Migrations.Where(m => m.IsInFlight).Select(m => MigrationTransitions.IsAllowed(m.Status, MigrationStatus.Cancelled)
            ? (PeerEvent)new MigrationCancelled(m.Id, Reason, c.Actor, context.Now)
            : new MigrationFailed(m.Id, Reason, c.Actor, context.Now))]);
    }

    private static Decision<PeerEvent>? Locate(PeerState state, string id, MigrationStatus target, bool progress, DecisionContext context, out PeerMigration? migration)
    {
        migration = state.Migration(id);
        var revoked = state.Status == PeerStatus.Revoked;
        var inGrace = state.IsInMigrationGrace(context.Now);
        return migration is null ? PeerRefusal.Plain(MigrationNotFound, $"peer '{context.EntityId}' has no migration '{id}'")
            : revoked && !inGrace ? PeerRefusal.Plain(MigrationGraceEnded, $"peer '{context.EntityId}' is revoked and the grace period ended at {state.Revocation!.MigrationGraceUntil:O}")
            : !MigrationTransitions.IsAllowed(migration.Status, target)
                ? PeerRefusal.Plain(MigrationTransitionNotAllowed, $"migration '{id}' is {migration.Status} and cannot move to {target}")
            : !progress || revoked ? null
            : PeerGuards.Federating(state, context)
            ?? (state.Grant(migration.Planned.GrantId)?.IsHonouredAt(context.Now) == true ? null
                : PeerRefusal.Plain(GrantNotHonoured, $"grant {migration.Planned.GrantId} of migration '{id}' is no longer honoured"));
    }
}
