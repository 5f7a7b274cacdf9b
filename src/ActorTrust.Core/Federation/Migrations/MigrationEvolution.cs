using ActorTrust.Core.Federation.Peers;

namespace ActorTrust.Core.Federation.Migrations;

/// <summary>Folds a migration event into the peer state, refusing any move the migration transition table forbids.</summary>
internal static class MigrationEvolution
{
    internal static PeerState Apply(PeerState state, IMigrationTransition @event)
    {
        var current = state.Migration(@event.MigrationId);
        var from = current?.Status ?? MigrationStatus.None;
        if (!MigrationTransitions.IsAllowed(from, @event.To))
        {
            throw PeerEvolution.Invalid($"{@event.GetType().Name} moves migration {@event.MigrationId} from {from} to {@event.To}, which the migration table forbids");
        }

        if (@event is MigrationPlanned planned)
        {
            return state with { Migrations = [.. state.Migrations, new PeerMigration(planned, MigrationStatus.Planned, planned.Plan.ConflictPolicy, [], planned.At)] };
        }

        var migration = current! with { Status = @event.To };
        migration = @event switch
        {
            MigrationValidationStarted s => migration with { ConflictPolicy = s.ConflictPolicy, UpdatedAt = s.At },
            MigrationValidated v => migration with { ConflictLog = v.Conflicts, UpdatedAt = v.At },
            MigrationConflicted c => migration with { ConflictLog = c.Conflicts, UpdatedAt = c.At },
            MigrationTransferred t => migration with { UpdatedAt = t.At },
            MigrationApplied a => migration with { ConflictLog = a.ConflictLog, UpdatedAt = a.At },
            MigrationFailed f => migration with { ConflictLog = f.ConflictLog ?? migration.ConflictLog, UpdatedAt = f.At },
            MigrationCancelled c => migration with { UpdatedAt = c.At },
            _ => throw PeerEvolution.Invalid($"unknown migration event {@event.GetType().Name}"),
        };
        return state with { Migrations = PeerEvolution.Replace(state.Migrations, m => m.Id == migration.Id, _ => migration, $"migration {migration.Id}") };
    }
}
