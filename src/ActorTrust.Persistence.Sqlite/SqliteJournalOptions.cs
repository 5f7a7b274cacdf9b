namespace ActorTrust.Persistence.Sqlite;

/// <summary>How durable a commit is before <c>AppendAsync</c> returns (SQLite's <c>PRAGMA synchronous</c>).</summary>
public enum SqliteSynchronous
{
    /// <summary>fsync on every commit: a committed batch survives power loss (the default).</summary>
    Full,

    /// <summary>fsync at WAL checkpoints only: a commit survives a process crash, not always a power loss.</summary>
    Normal,
}

/// <summary>Settings of the embedded SQLite journal (<c>actortrust.journal.sqlite</c>).</summary>
public sealed class SqliteJournalOptions
{
    /// <summary>The database file path (<c>data-source</c>). Required; in-memory databases are refused.</summary>
    public string DataSource { get; set; } = string.Empty;

    /// <summary>Commit durability (<c>synchronous</c>), <see cref="SqliteSynchronous.Full"/> by default.</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>How long a statement waits for a lock held by another connection (<c>busy-timeout</c>).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The WAL size, in pages, at which a commit also checkpoints the WAL into the database file
    /// (<c>wal-autocheckpoint-pages</c>, SQLite's <c>PRAGMA wal_autocheckpoint</c>; SQLite's own default is 1000).
    /// A checkpoint writes each changed page once, however often the WAL holds it, so a larger WAL writes the
    /// hot stream-index pages far fewer times. Durability does not depend on it: a commit is durable once its
    /// WAL frames are synced. The cost is disk (up to this many pages of WAL) and a longer WAL scan on open.
    /// </summary>
    public int WalAutoCheckpointPages { get; set; } = 10_000;

    /// <summary>Events read per query when replaying a stream (<c>replay-page-size</c>).</summary>
    public int ReplayPageSize { get; set; } = 1000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataSource))
        {
            throw new ArgumentException("actortrust.journal.sqlite.data-source is required: the SQLite database file path", nameof(DataSource));
        }

        if (DataSource.Trim() == ":memory:" || DataSource.StartsWith("file::memory:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"actortrust.journal.sqlite.data-source '{DataSource}' is an in-memory database; the journal needs a file (WAL mode, durable commits)",
                nameof(DataSource));
        }

        if (!Enum.IsDefined(Synchronous))
        {
            throw new ArgumentException($"actortrust.journal.sqlite.synchronous must be Full or Normal, got {(int)Synchronous}", nameof(Synchronous));
        }

        if (BusyTimeout < TimeSpan.FromMilliseconds(1) || BusyTimeout > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"actortrust.journal.sqlite.busy-timeout must be between 1 ms and 1 h, got {BusyTimeout}", nameof(BusyTimeout));
        }

        if (WalAutoCheckpointPages is < 100 or > 1_000_000)
        {
            throw new ArgumentException(
                $"actortrust.journal.sqlite.wal-autocheckpoint-pages must be between 100 and 1000000, got {WalAutoCheckpointPages}", nameof(WalAutoCheckpointPages));
        }

        if (ReplayPageSize is < 1 or > 100_000)
        {
            throw new ArgumentException($"actortrust.journal.sqlite.replay-page-size must be between 1 and 100000, got {ReplayPageSize}", nameof(ReplayPageSize));
        }
    }
}
