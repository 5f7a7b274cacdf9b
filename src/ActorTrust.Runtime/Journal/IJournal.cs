namespace ActorTrust.Runtime.Journal;

/// <summary>
/// The event journal port. Every backend (SQLite, PostgreSQL) passes the same conformance suite
/// (<c>ActorTrust.TestKit.JournalConformance</c>).
/// </summary>
public interface IJournal : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema; refuses a schema newer than this code understands.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Appends a batch (possibly many streams) in one transaction. Per stream: the last stored sequence number
    /// and hash must equal what the writer expected, and its fencing token must not be older than the shard's
    /// or the stream's last writer token; a stream failing either check is left out with its
    /// <see cref="AppendStatus"/>, and the others still commit. Returns one outcome per stream, in order.
    /// </summary>
    Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken);

    /// <summary>Reads one stream from <paramref name="fromSeqNr"/> (inclusive) in order.</summary>
    IAsyncEnumerable<JournalRecord> ReadStreamAsync(string persistenceId, long fromSeqNr, CancellationToken cancellationToken);

    /// <summary>The stream's last sequence number, 0 when it has none.</summary>
    Task<long> ReadHighestSeqNrAsync(string persistenceId, CancellationToken cancellationToken);

    /// <summary>
    /// A page of the global feed: committed events with a global position after <paramref name="afterPosition"/>,
    /// in commit order, never skipping one that commits later with a lower position, at most
    /// <paramref name="maxCount"/>.
    /// </summary>
    Task<IReadOnlyList<JournalRecord>> ReadFeedAsync(long afterPosition, int maxCount, FeedFilter filter, CancellationToken cancellationToken);

    /// <summary>Every persistence id with at least one event, ordered ordinally.</summary>
    IAsyncEnumerable<string> ReadPersistenceIdsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The persistence ids of one entity kind (<c>kind|entity-id</c>) with at least one event, ordered ordinally,
    /// starting after entity id <paramref name="afterEntityId"/> (exclusive; null: from the first). Database backends
    /// read only that kind's range of the stream index (<see cref="PersistenceIdRange"/>), so listing one kind's
    /// entities, or one page of them, does not scan the others.
    /// </summary>
    IAsyncEnumerable<string> ReadPersistenceIdsAsync(string kind, string? afterEntityId, CancellationToken cancellationToken);

    /// <summary>Stores a snapshot (replacing one at the same sequence number).</summary>
    Task SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken);

    /// <summary>The newest snapshot of a stream, or null.</summary>
    Task<Snapshot?> LoadSnapshotAsync(string persistenceId, CancellationToken cancellationToken);
}
