using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Entities;

/// <summary>
/// Activation: the newest snapshot (if the kind has them) plus the journal tail, every record checked by a
/// <see cref="ChainVerifier"/>. A violation throws <see cref="JournalIntegrityException"/>: the entity refuses
/// to start rather than "repair".
/// </summary>
internal static partial class EntityRecovery
{
    public static async Task<EntityStream<TState>> RecoverAsync<TState, TCommand, TEvent>(
        EntityHostContext<TState, TCommand, TEvent> context, string persistenceId, CommandMemory commands, CancellationToken cancellationToken)
        where TState : class
        where TCommand : class
        where TEvent : class
    {
        var kind = context.Kind;
        var stream = EntityStream<TState>.New(persistenceId, kind.Decider.Initial);
        var verifier = new ChainVerifier(persistenceId);
        if (kind.ReadSnapshot is not null && await context.Journal.LoadSnapshotAsync(persistenceId, cancellationToken) is { } snapshot)
        {
            stream = new EntityStream<TState>(kind.ReadSnapshot(snapshot.Payload), snapshot.SeqNr, snapshot.Hash, snapshot.WriterToken, snapshot.SeqNr);
            verifier = new ChainVerifier(persistenceId, snapshot.SeqNr, snapshot.Hash, snapshot.WriterToken);
        }

        var state = stream.State;
        await foreach (var record in context.Journal.ReadStreamAsync(persistenceId, stream.SeqNr + 1, cancellationToken))
        {
            if (verifier.Check(record) is { } violation)
            {
                throw new JournalIntegrityException(violation);
            }

            var @event = kind.Events.Deserialize(record.EventType, record.Payload);
            state = kind.Decider.Evolve(state, @event);
            commands.Remember(record.CommandId, kind.RecordedRejection?.Invoke(@event));
        }

        return stream with { State = state, SeqNr = verifier.LastSeqNr, LastHash = verifier.LastHash, LastWriterToken = verifier.LastWriterToken };
    }

    public static async Task<EntityStream<TState>> MaybeSnapshotAsync<TState, TCommand, TEvent>(
        EntityHostContext<TState, TCommand, TEvent> context, string persistenceId, EntityStream<TState> stream, CancellationToken cancellationToken)
        where TState : class
        where TCommand : class
        where TEvent : class
    {
        var every = context.Options.SnapshotEvery;
        if (context.Kind.WriteSnapshot is null || every == 0 || stream.SeqNr - stream.SnapshotSeqNr < every)
        {
            return stream;
        }

        try
        {
            var snapshot = new Snapshot(persistenceId, stream.SeqNr, stream.LastHash, stream.LastWriterToken, typeof(TState).Name, context.Kind.WriteSnapshot(stream.State), context.Time.GetUtcNow());
            await context.Journal.SaveSnapshotAsync(snapshot, cancellationToken);
            return stream with { SnapshotSeqNr = stream.SeqNr };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A snapshot only shortens recovery; the events are durable. Carry on and try again later.
            LogSnapshotFailed(context.Logger, persistenceId, stream.SeqNr, ex);
            return stream with { SnapshotSeqNr = stream.SeqNr };
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 1202, Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Snapshot of {PersistenceId} at seq {SeqNr} failed; recovery will replay from the previous one")]
    private static partial void LogSnapshotFailed(Microsoft.Extensions.Logging.ILogger logger, string persistenceId, long seqNr, Exception exception);
}
