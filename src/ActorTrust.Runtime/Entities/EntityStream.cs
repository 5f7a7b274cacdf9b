using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Entities;

/// <summary>An entity's folded state plus where its stream ends: last sequence number, hash and writer token.</summary>
internal sealed record EntityStream<TState>(TState State, long SeqNr, Digest LastHash, long LastWriterToken, long SnapshotSeqNr)
{
    public static EntityStream<TState> New(string persistenceId, TState initial) =>
        new(initial, 0, HashChain.Genesis(persistenceId), long.MinValue, 0);

    public EntityStream<TState> Apply<TCommand, TEvent>(StreamAppend append, IReadOnlyList<TEvent> events, IDecider<TState, TCommand, TEvent> decider)
    {
        var state = State;
        foreach (var @event in events)
        {
            state = decider.Evolve(state, @event);
        }

        var last = append.Events[^1];
        return this with { State = state, SeqNr = last.SeqNr, LastHash = last.Hash, LastWriterToken = append.Writer.FencingToken };
    }
}
