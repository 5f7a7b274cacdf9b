namespace ActorTrust.Runtime.Audit;

/// <summary>Checkpointing settings (bound from <c>actortrust.audit</c>).</summary>
public sealed record JournalCheckpointerOptions
{
    /// <summary>How often a periodic checkpointer signs a checkpoint.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Events per global-feed page while catching up.</summary>
    public int FeedPageSize { get; init; } = 1000;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (CheckpointInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("actortrust.audit.checkpoint-interval must be positive");
        }

        if (FeedPageSize <= 0)
        {
            throw new ArgumentException("actortrust.audit.feed-page-size must be positive");
        }
    }
}
