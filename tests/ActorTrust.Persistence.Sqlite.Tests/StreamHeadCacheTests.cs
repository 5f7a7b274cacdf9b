using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.JournalConformance;

namespace ActorTrust.Persistence.Sqlite.Tests;

/// <summary>The writer remembers stream heads it committed; that shortcut must never let a bad append through.</summary>
public sealed class StreamHeadCacheTests : IDisposable
{
    private static readonly WriterIdentity Writer = new("127.0.0.1:7001:1", 1);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Two_appends_to_one_stream_in_one_batch_see_each_other()
    {
        await using var journal = await Open();
        var stream = new TestStream("counter|a", Writer);
        var first = stream.Next(1);
        await journal.AppendAsync([first], CancellationToken.None);
        stream.MarkCommitted(first);

        var second = stream.Next(1);
        var outcomes = await journal.AppendAsync([second, second], CancellationToken.None);

        outcomes.Select(o => o.Status).ShouldBe([AppendStatus.Committed, AppendStatus.SequenceConflict]);
        (await journal.ReadHighestSeqNrAsync("counter|a", CancellationToken.None)).ShouldBe(2);
    }

    [Fact]
    public async Task A_stream_written_by_another_journal_fails_the_batch_and_the_retry_reads_the_truth()
    {
        await using var mine = await Open();
        await using var other = await Open();
        var stream = new TestStream("counter|a", Writer);
        var first = stream.Next(1);
        await mine.AppendAsync([first], CancellationToken.None);
        stream.MarkCommitted(first);
        (await other.AppendAsync([stream.Next(1, new WriterIdentity("127.0.0.1:7002:1", 1))], CancellationToken.None))[0].Status.ShouldBe(AppendStatus.Committed);

        var next = stream.Next(1);
        await Should.ThrowAsync<Microsoft.Data.Sqlite.SqliteException>(() => mine.AppendAsync([next], CancellationToken.None));
        var retry = await mine.AppendAsync([next], CancellationToken.None);

        retry[0].Status.ShouldBe(AppendStatus.SequenceConflict);
        (await mine.ReadHighestSeqNrAsync("counter|a", CancellationToken.None)).ShouldBe(2);
    }

    private Task<SqliteJournal> Open() =>
        SqliteJournal.OpenAsync(new SqliteJournalOptions { DataSource = _database.Path }, CancellationToken.None);
}
