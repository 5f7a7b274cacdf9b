namespace ActorTrust.Runtime.Journal;

/// <summary>What kind of break a chain verification found.</summary>
public enum ChainViolationKind
{
    /// <summary>A sequence number is missing, repeated or out of order (deletion, duplication, reordering).</summary>
    SequenceGap,

    /// <summary>An event's <c>prev_hash</c> is not its predecessor's hash (deletion, reordering, splice).</summary>
    BrokenLink,

    /// <summary>An event's stored hash does not match its content (an edit).</summary>
    HashMismatch,

    /// <summary>A writer fencing token went backwards (a stale writer wrote after a newer one).</summary>
    WriterTokenDecreased,

    /// <summary>The stream is shorter than a signed or remembered head says it was (truncation).</summary>
    Truncated,

    /// <summary>
    /// The stream's chain is intact but disagrees with a signed journal checkpoint: the event at a checkpointed
    /// sequence number has another hash (a consistent rewrite after the checkpoint), or two checkpoints disagree
    /// (equivocation).
    /// </summary>
    CheckpointMismatch,

    /// <summary>A stored journal checkpoint does not verify: untrusted or broken signature, malformed, or a forged root.</summary>
    CheckpointInvalid,

    /// <summary>The global feed repeats, skips or reorders a stream's events, or its positions do not strictly increase.</summary>
    FeedDisorder,
}

/// <summary>The first broken link found in a stream, with a sentence naming it.</summary>
/// <param name="PersistenceId">The stream.</param>
/// <param name="SeqNr">The sequence number at which the break was found.</param>
/// <param name="Kind">The kind of break.</param>
/// <param name="Message">Human-readable description.</param>
public sealed record ChainViolation(string PersistenceId, long SeqNr, ChainViolationKind Kind, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{PersistenceId} at seq {SeqNr}: {Kind}: {Message}";
}

/// <summary>Thrown when recovery finds a broken chain: the entity refuses to start rather than "repair".</summary>
public sealed class JournalIntegrityException(ChainViolation violation)
    : Exception($"journal integrity violation in {violation.PersistenceId} at seq {violation.SeqNr}: {violation.Kind}: {violation.Message}")
{
    /// <summary>The violation found.</summary>
    public ChainViolation Violation { get; } = violation;
}
