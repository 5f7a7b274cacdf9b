using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using ActorTrust.TestKit.JournalConformance;
using ActorTrust.TestKit.Postgres;
using Npgsql;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>
/// Appends go through a small pool of their own (<see cref="PostgreSqlJournalOptions.AppendConnections"/>), so the
/// append function runs on a few backends that keep its plans; reads use the other pool.
/// </summary>
public sealed class JournalPoolTests(PostgresFixture postgres) : PostgresTestBase(postgres)
{
    private const string Node = "127.0.0.1:7001:1";
    private const string AppName = "journal_pool_test";

    [PostgresFact]
    public async Task Concurrent_appends_all_commit_through_at_most_the_configured_append_connections()
    {
        await Store.RegisterKindAsync("agent", 8, Budget);
        var tokens = new Dictionary<int, long>();
        for (var shard = 0; shard < 8; shard++)
        {
            tokens[shard] = (await Store.TryAcquireAsync("agent", shard, Node, Ttl, Grace, Budget)).ShouldNotBeNull().Token;
        }

        var options = new PostgreSqlJournalOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = AppName }.ConnectionString,
            AppendConnections = 2,
        };
        await using var journal = await PostgreSqlJournal.OpenAsync(options, Budget);
        var appends = Enumerable.Range(0, 24).Select(i =>
        {
            var id = $"p-{i}";
            return new TestStream($"agent|{id}", new WriterIdentity(Node, tokens[Shards.ShardOf(id, 8)])).Next(1);
        }).ToList();

        var outcomes = await Task.WhenAll(appends.Select(a => journal.AppendAsync([a], Budget)));

        outcomes.SelectMany(o => o).ShouldAllBe(o => o.Status == AppendStatus.Committed);
        foreach (var append in appends)
        {
            (await journal.ReadHighestSeqNrAsync(append.PersistenceId, Budget)).ShouldBe(1);
        }

        // The reading pool opened one connection (schema check, then the reads one at a time); the append pool at most two.
        (await ServerConnectionsAsync()).ShouldBeLessThanOrEqualTo(3);
    }

    [Fact]
    public void Append_connections_outside_1_to_1000_are_refused_naming_the_setting()
    {
        const string Valid = "Host=127.0.0.1;Port=5432;Username=actortrust;Database=actortrust";

        Should.Throw<ArgumentException>(() => new PostgreSqlJournalOptions { ConnectionString = Valid, AppendConnections = 0 }.Validate())
            .Message.ShouldContain("actortrust.journal.postgresql.append-connections");
        Should.Throw<ArgumentException>(() => new PostgreSqlJournalOptions { ConnectionString = Valid, AppendConnections = 1001 }.Validate())
            .Message.ShouldContain("actortrust.journal.postgresql.append-connections");
    }

    private async Task<long> ServerConnectionsAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Budget);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = AppName });
        return (long)(await command.ExecuteScalarAsync(Budget))!;
    }
}
