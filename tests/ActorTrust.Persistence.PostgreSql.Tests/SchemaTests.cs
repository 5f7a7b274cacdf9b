using ActorTrust.TestKit.Postgres;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>The schema is applied once, under a lock, and a database newer than the code is refused.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SchemaTests(PostgresFixture postgres)
{
    private readonly CancellationToken _budget = new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token;

    [PostgresFact]
    public async Task A_new_database_gets_every_schema_script_and_the_current_version()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema");

        await using var journal = await PostgreSqlJournal.OpenAsync(new() { ConnectionString = connectionString }, _budget);

        (await Db.ScalarAsync<int>(connectionString, "SELECT version FROM schema_version")).ShouldBe(PostgreSqlSchema.CurrentVersion);
        PostgreSqlSchema.CurrentVersion.ShouldBe(7);
        (await Db.ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'cluster_members' AND column_name LIKE 'attestation_%'")).ShouldBe(2);
        (await Db.ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('journal', 'snapshots', 'entity_types', 'shard_leases', 'cluster_version', 'cluster_members', 'claims_nonces')"))
            .ShouldBe(7);
        (await Db.ScalarAsync<long>(connectionString, "SELECT fencing_token FROM shard_leases WHERE kind = '__coordinator__' AND shard = 0")).ShouldBe(0);
    }

    [PostgresFact]
    public async Task Schema_6_adds_journal_append_batch_and_keeps_journal_append_for_builds_of_schema_4_and_5()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema_append_functions");

        await using var journal = await PostgreSqlJournal.OpenAsync(new() { ConnectionString = connectionString }, _budget);

        (await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_proc WHERE proname = 'journal_append_batch'")).ShouldBe(1);
        (await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_proc WHERE proname = 'journal_append'")).ShouldBe(1);
    }

    [PostgresFact]
    public async Task Schema_7_adds_journal_append_fenced_and_keeps_journal_append_batch_for_builds_of_schema_6()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema_append_fenced");

        await using var journal = await PostgreSqlJournal.OpenAsync(new() { ConnectionString = connectionString }, _budget);

        (await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_proc WHERE proname = 'journal_append_fenced'")).ShouldBe(1);
        (await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_proc WHERE proname = 'journal_append_batch'")).ShouldBe(1);
    }

    [PostgresFact]
    public async Task Opening_an_empty_database_for_reading_is_refused_and_creates_nothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema_read_empty");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => PostgreSqlJournal.OpenExistingAsync(new() { ConnectionString = connectionString }, _budget));

        error.Message.ShouldContain("no ActorTrust journal");
        (await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).ShouldBe(0);
    }

    [PostgresFact]
    public async Task An_existing_journal_opens_for_reading_without_migrating()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema_read_existing");
        await (await PostgreSqlJournal.OpenAsync(new() { ConnectionString = connectionString }, _budget)).DisposeAsync();

        await using var reader = await PostgreSqlJournal.OpenExistingAsync(new() { ConnectionString = connectionString }, _budget);

        (await reader.ReadFeedAsync(0, 10, ActorTrust.Runtime.Journal.FeedFilter.All, _budget)).ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task Nodes_initializing_the_same_database_at_once_apply_the_schema_exactly_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema_race");
        var journals = Enumerable.Range(0, 6).Select(_ => new PostgreSqlJournal(new() { ConnectionString = connectionString })).ToList();
        var stores = Enumerable.Range(0, 2).Select(_ => new PostgreSqlClusterStore(new() { ConnectionString = connectionString })).ToList();
        try
        {
            await Task.WhenAll(journals.Select(j => Task.Run(() => j.InitializeAsync(_budget)))
                .Concat(stores.Select(s => Task.Run(() => s.InitializeAsync(_budget)))));

            (await Db.ScalarAsync<int>(connectionString, "SELECT version FROM schema_version")).ShouldBe(PostgreSqlSchema.CurrentVersion);
            (await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM shard_leases")).ShouldBe(1); // the coordinator row, once
            (await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM cluster_version")).ShouldBe(1);
        }
        finally
        {
            foreach (var journal in journals)
            {
                await journal.DisposeAsync();
            }

            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [PostgresFact]
    public async Task A_database_with_a_newer_schema_version_is_refused_and_left_unchanged()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema_newer");
        await using (await PostgreSqlJournal.OpenAsync(new() { ConnectionString = connectionString }, _budget))
        {
        }

        await Db.ExecuteAsync(connectionString, "UPDATE schema_version SET version = 99");

        var refused = await Should.ThrowAsync<InvalidOperationException>(
            () => PostgreSqlJournal.OpenAsync(new() { ConnectionString = connectionString }, _budget));

        refused.Message.ShouldBe(
            $"the PostgreSQL database has ActorTrust schema version 99, newer than this build supports ({PostgreSqlSchema.CurrentVersion}); upgrade ActorTrust before connecting it to this database");
        (await Db.ScalarAsync<int>(connectionString, "SELECT version FROM schema_version")).ShouldBe(99);
        await Should.ThrowAsync<InvalidOperationException>(() => PostgreSqlClusterStore.OpenAsync(new() { ConnectionString = connectionString }, _budget));
    }

    [PostgresFact]
    public async Task A_journal_used_before_initialization_says_so()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema_uninit");
        await using var journal = new PostgreSqlJournal(new() { ConnectionString = connectionString });

        var error = await Should.ThrowAsync<InvalidOperationException>(() => journal.ReadHighestSeqNrAsync("agent|a", _budget));

        error.Message.ShouldBe("the PostgreSQL journal is not initialized; call InitializeAsync first");
    }
}
