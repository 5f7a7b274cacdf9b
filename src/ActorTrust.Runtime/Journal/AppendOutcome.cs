namespace ActorTrust.Runtime.Journal;

/// <summary>What happened to one stream's part of an append batch.</summary>
public enum AppendStatus
{
    /// <summary>Committed and durable.</summary>
    Committed,

    /// <summary>The stream's last sequence number (or last hash) is not what the writer expected: another writer got there first.</summary>
    SequenceConflict,

    /// <summary>The writer's fencing token is older than the shard's (or than one already written to the stream); the writer must stop.</summary>
    Fenced,
}

/// <summary>The outcome for one <see cref="StreamAppend"/>, with the global positions assigned when committed.</summary>
/// <param name="PersistenceId">The stream.</param>
/// <param name="Status">What happened.</param>
/// <param name="GlobalPositions">Global positions of the appended events, in order (empty unless committed).</param>
/// <param name="Detail">Why, when not committed.</param>
public sealed record AppendOutcome(string PersistenceId, AppendStatus Status, IReadOnlyList<long> GlobalPositions, string? Detail = null);
