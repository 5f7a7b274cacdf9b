namespace ActorTrust.Runtime.Journal;

/// <summary>Group-commit settings (bound from <c>actortrust.journal.writer</c>).</summary>
public sealed record JournalWriterOptions
{
    /// <summary>Most events written in one transaction.</summary>
    public int MaxBatchEvents { get; init; } = 500;

    /// <summary>Stream appends that may wait for the writer before callers are made to wait.</summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>
    /// Batches written side by side (1..16). One suits SQLite (a single writer connection); a server database such as
    /// PostgreSQL overlaps concurrent commits, so a few loops give larger total throughput. Per-stream order is kept.
    /// </summary>
    public int Loops { get; init; } = 1;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (MaxBatchEvents <= 0)
        {
            throw new ArgumentException("actortrust.journal.writer.max-batch-events must be positive");
        }

        if (QueueCapacity <= 0)
        {
            throw new ArgumentException("actortrust.journal.writer.queue-capacity must be positive");
        }

        if (Loops is < 1 or > 16)
        {
            throw new ArgumentException($"actortrust.journal.writer.loops must be between 1 and 16, got {Loops}");
        }
    }
}
