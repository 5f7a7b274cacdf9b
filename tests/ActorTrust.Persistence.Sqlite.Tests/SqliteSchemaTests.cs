namespace ActorTrust.Persistence.Sqlite.Tests;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task A_new_database_is_created_at_the_current_schema_version()
    {
        await using (await _database.OpenAsync(CancellationToken.None))
        {
        }

        RawSql.Scalar(_database.Path, "SELECT version FROM schema_version;").ShouldBe("1");
        RawSql.Scalar(_database.Path, "SELECT count(*) FROM sqlite_master WHERE name IN ('journal', 'snapshots', 'shard_leases', 'journal_kind_pos');")
            .ShouldBe("4");
    }

    [Fact]
    public async Task A_database_with_a_newer_schema_version_is_refused_with_a_clear_message()
    {
        await using (await _database.OpenAsync(CancellationToken.None))
        {
        }

        RawSql.Execute(_database.Path, "UPDATE schema_version SET version = 3;");

        await using var journal = new SqliteJournal(_database.Options());
        var error = await Should.ThrowAsync<InvalidOperationException>(() => journal.InitializeAsync(CancellationToken.None));
        error.Message.ShouldContain("journal schema version 3 is newer than this build supports (1)");
        RawSql.Scalar(_database.Path, "SELECT version FROM schema_version;").ShouldBe("3");
    }

    [Fact]
    public async Task Initializing_an_existing_database_again_changes_nothing()
    {
        await using (var journal = await _database.OpenAsync(CancellationToken.None))
        {
            await journal.InitializeAsync(CancellationToken.None);
        }

        await using (await _database.OpenAsync(CancellationToken.None))
        {
        }

        RawSql.Scalar(_database.Path, "SELECT count(*) FROM schema_version;").ShouldBe("1");
        RawSql.Scalar(_database.Path, "SELECT version FROM schema_version;").ShouldBe("1");
    }

    [Fact]
    public async Task Using_the_journal_before_initializing_it_is_a_clear_error()
    {
        await using var journal = new SqliteJournal(_database.Options());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => journal.SaveSnapshotAsync(
            new Runtime.Journal.Snapshot("agent|a", 1, default, 1, "t", [], DateTimeOffset.UnixEpoch), CancellationToken.None));
        error.Message.ShouldContain("InitializeAsync");
        (await Should.ThrowAsync<InvalidOperationException>(() => journal.ReadHighestSeqNrAsync("agent|a", CancellationToken.None)))
            .Message.ShouldContain("InitializeAsync");
    }

    public void Dispose() => _database.Dispose();
}
