namespace ActorTrust.Runtime.Journal;

/// <summary>Narrows the global feed to some entity kinds or one stream; null members mean "any".</summary>
/// <param name="Kinds">Entity kinds to include (e.g. <c>agent</c>), or null for all.</param>
/// <param name="PersistenceId">A single stream, or null for all.</param>
public sealed record FeedFilter(IReadOnlyCollection<string>? Kinds = null, string? PersistenceId = null)
{
    /// <summary>Everything.</summary>
    public static FeedFilter All { get; } = new();

    /// <summary>True when <paramref name="record"/> passes the filter.</summary>
    public bool Matches(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (Kinds is null || Kinds.Contains(record.Kind))
            && (PersistenceId is null || string.Equals(PersistenceId, record.PersistenceId, StringComparison.Ordinal));
    }
}
