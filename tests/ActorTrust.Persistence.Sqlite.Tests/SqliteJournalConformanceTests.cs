using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.JournalConformance;

namespace ActorTrust.Persistence.Sqlite.Tests;

/// <summary>The journal TCK against a fresh SQLite file per test (replay pages of 5 events).</summary>
public sealed class SqliteJournalConformanceTests : JournalConformanceTests
{
    private readonly TempDatabase _database = new();

    protected override async Task<IJournal> CreateJournalAsync()
    {
        var options = _database.Options();
        options.ReplayPageSize = 5; // tiny pages, so every multi-page read path is exercised
        return await SqliteJournal.OpenAsync(options, CancellationToken.None);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }
}
