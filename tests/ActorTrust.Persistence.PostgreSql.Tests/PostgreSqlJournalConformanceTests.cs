using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.JournalConformance;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>
/// The journal TCK against a fresh PostgreSQL database per test (replay pages of 5 events). These inherited
/// [Fact]s cannot be skipped individually: without PostgreSQL binaries they fail saying what is missing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlJournalConformanceTests(PostgresFixture postgres) : JournalConformanceTests
{
    protected override async Task<IJournal> CreateJournalAsync()
    {
        var options = new PostgreSqlJournalOptions
        {
            ConnectionString = await postgres.CreateDatabaseAsync("tck"),
            ReplayPageSize = 5, // tiny pages, so every multi-page read path is exercised
        };
        return await PostgreSqlJournal.OpenAsync(options, CancellationToken.None);
    }
}
