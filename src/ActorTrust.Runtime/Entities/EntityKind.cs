using ActorTrust.Core.Entities;

namespace ActorTrust.Runtime.Entities;

/// <summary>
/// Everything the runtime needs to host one entity kind: its name (the persistence-id prefix), the pure
/// decider, the event catalog, and hosting settings.
/// </summary>
public sealed record EntityKind<TState, TCommand, TEvent>
    where TState : class
    where TCommand : class
    where TEvent : class
{
    /// <summary>The kind name (<c>domain</c>, <c>agent</c>, ...), lowercase; the persistence-id prefix.</summary>
    public required string Name { get; init; }

    /// <summary>The pure decider.</summary>
    public required IDecider<TState, TCommand, TEvent> Decider { get; init; }

    /// <summary>Wire names and payloads of the kind's events.</summary>
    public required EventCatalog<TEvent> Events { get; init; }

    /// <summary>Shards of this kind; fixed for the life of a cluster (changing it moves every entity).</summary>
    public int NumShards { get; init; } = 64;

    /// <summary>
    /// Recovers the refusal a recorded event stands for (e.g. <c>session.refused.v1</c> → its reason), so a retried
    /// command that was refused-and-recorded gets the same refusal back after a restart. Null: every recorded
    /// command counts as accepted.
    /// </summary>
    public Func<TEvent, Rejection?>? RecordedRejection { get; init; }

    /// <summary>
    /// Commands that normally meet a new entity (a create). When such a command is the first message of an activation and
    /// decides events against the initial state, the host appends them as seq 1 without reading the journal first: the
    /// journal refuses an append whose expected head is not the stream's (<see cref="Journal.AppendStatus.SequenceConflict"/>),
    /// and on that refusal, or when the command decides no events, the host recovers from the journal and runs the command
    /// again as usual. Null: every activation reads the journal first.
    /// </summary>
    public Func<TCommand, bool>? StartsStream { get; init; }

    /// <summary>Writes a state snapshot; with <see cref="ReadSnapshot"/> it enables snapshots for this kind.</summary>
    public Func<TState, byte[]>? WriteSnapshot { get; init; }

    /// <summary>Reads a state snapshot written by <see cref="WriteSnapshot"/>.</summary>
    public Func<byte[], TState>? ReadSnapshot { get; init; }
}
