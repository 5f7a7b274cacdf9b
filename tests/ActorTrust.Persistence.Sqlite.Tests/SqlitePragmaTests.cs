namespace ActorTrust.Persistence.Sqlite.Tests;

public sealed class SqlitePragmaTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Theory]
    [InlineData(SqliteSynchronous.Full, "2")]
    [InlineData(SqliteSynchronous.Normal, "1")]
    public async Task The_writer_runs_in_WAL_mode_with_the_configured_synchronous_level(SqliteSynchronous synchronous, string pragmaValue)
    {
        await using var journal = await SqliteJournal.OpenAsync(_database.Options(synchronous), CancellationToken.None);

        (await journal.ReadWriterPragmaAsync("journal_mode", CancellationToken.None)).ShouldBe("wal");
        (await journal.ReadWriterPragmaAsync("synchronous", CancellationToken.None)).ShouldBe(pragmaValue);
        (await journal.ReadWriterPragmaAsync("foreign_keys", CancellationToken.None)).ShouldBe("1");
        (await journal.ReadWriterPragmaAsync("busy_timeout", CancellationToken.None)).ShouldBe("5000");
    }

    [Fact]
    public async Task The_writer_checkpoints_the_WAL_at_the_configured_size()
    {
        var options = _database.Options();
        options.WalAutoCheckpointPages = 2500;
        await using var journal = await SqliteJournal.OpenAsync(options, CancellationToken.None);

        (await journal.ReadWriterPragmaAsync("wal_autocheckpoint", CancellationToken.None)).ShouldBe("2500");
    }

    [Fact]
    public void Synchronous_full_is_the_default()
    {
        new SqliteJournalOptions().Synchronous.ShouldBe(SqliteSynchronous.Full);
    }

    [Fact]
    public async Task The_database_file_stays_in_WAL_mode_after_the_journal_closes()
    {
        await using (await _database.OpenAsync(CancellationToken.None))
        {
        }

        RawSql.Scalar(_database.Path, "PRAGMA journal_mode;").ShouldBe("wal");
    }

    public void Dispose() => _database.Dispose();
}
