using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Entities;

/// <summary>One entity's state as committed in the journal, at a version.</summary>
/// <param name="State">The state after <paramref name="Version"/> events.</param>
/// <param name="Version">The last sequence number applied (0 for an entity with no events).</param>
/// <param name="Head">The stream head at that version.</param>
public sealed record CommittedState<TState>(TState State, long Version, EntityHead Head)
    where TState : class;

public sealed partial class EntityRegistry<TState, TCommand, TEvent>
{
    /// <summary>
    /// Rebuilds the entity's state from the journal without activating it: the newest usable snapshot plus the
    /// tail, every record chain-checked. In a cluster this is how a node answers a query for an entity whose
    /// shard another node serves: the journal holds every acknowledged event, so the answer is never older than
    /// the last acknowledged command, and nothing here caches state another node may change.
    /// </summary>
    /// <param name="entityId">The entity.</param>
    /// <param name="upToSeqNr">Stop after this sequence number (null: the whole stream).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="JournalIntegrityException">The stream's chain does not verify.</exception>
    public async Task<CommittedState<TState>> ReadCommittedAsync(string entityId, long? upToSeqNr, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        var kind = _context.Kind;
        var persistenceId = PersistenceIds.For(kind.Name, entityId);
        var state = kind.Decider.Initial;
        var verifier = new ChainVerifier(persistenceId);
        if (kind.ReadSnapshot is not null
            && await _context.Journal.LoadSnapshotAsync(persistenceId, cancellationToken) is { } snapshot
            && (upToSeqNr is null || snapshot.SeqNr <= upToSeqNr))
        {
            state = kind.ReadSnapshot(snapshot.Payload);
            verifier = new ChainVerifier(persistenceId, snapshot.SeqNr, snapshot.Hash, snapshot.WriterToken);
        }

        if (upToSeqNr is null || verifier.LastSeqNr < upToSeqNr)
        {
            await foreach (var record in _context.Journal.ReadStreamAsync(persistenceId, verifier.LastSeqNr + 1, cancellationToken))
            {
                if (verifier.Check(record) is { } violation)
                {
                    throw new JournalIntegrityException(violation);
                }

                state = kind.Decider.Evolve(state, kind.Events.Deserialize(record.EventType, record.Payload));
                if (record.SeqNr == upToSeqNr)
                {
                    break;
                }
            }
        }

        return new CommittedState<TState>(state, verifier.LastSeqNr, new EntityHead(verifier.LastSeqNr, verifier.LastHash));
    }
}
