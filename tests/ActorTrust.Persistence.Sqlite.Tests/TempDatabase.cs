namespace ActorTrust.Persistence.Sqlite.Tests;

/// <summary>A temporary directory holding one journal database file, deleted on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("actortrust-journal-").FullName;
        Path = System.IO.Path.Combine(Directory, "journal.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public SqliteJournalOptions Options(SqliteSynchronous synchronous = SqliteSynchronous.Full) =>
        new() { DataSource = Path, Synchronous = synchronous };

    public Task<SqliteJournal> OpenAsync(CancellationToken cancellationToken) => SqliteJournal.OpenAsync(Options(), cancellationToken);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
