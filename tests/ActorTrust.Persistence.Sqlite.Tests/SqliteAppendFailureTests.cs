using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.JournalConformance;
using Microsoft.Data.Sqlite;

namespace ActorTrust.Persistence.Sqlite.Tests;

/// <summary>An infrastructure fault inside the batch transaction fails the whole batch and applies none of it.</summary>
public sealed class SqliteAppendFailureTests : IDisposable
{
    private static readonly WriterIdentity Writer = new("127.0.0.1:7001:1", 1);
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task A_batch_whose_transaction_fails_throws_and_leaves_every_stream_of_it_unwritten()
    {
        await using var journal = await _database.OpenAsync(CancellationToken.None);
        var healthy = new TestStream("agent|healthy", Writer);
        var poisoned = new TestStream("agent|poisoned", Writer);
        // A fault injected under the journal: the database aborts any insert for the poisoned stream.
        RawSql.Execute(_database.Path, """
            CREATE TRIGGER inject_fault BEFORE INSERT ON journal WHEN NEW.persistence_id = 'agent|poisoned'
            BEGIN SELECT RAISE(ABORT, 'injected fault'); END;
            """);

        var error = await Should.ThrowAsync<SqliteException>(
            () => journal.AppendAsync([healthy.Next(3), poisoned.Next(1)], CancellationToken.None));

        error.Message.ShouldContain("injected fault");
        (await journal.ReadHighestSeqNrAsync(healthy.PersistenceId, CancellationToken.None)).ShouldBe(0);
        (await journal.ReadFeedAsync(0, 10, FeedFilter.All, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_journal_keeps_working_after_a_failed_batch()
    {
        await using var journal = await _database.OpenAsync(CancellationToken.None);
        var healthy = new TestStream("agent|healthy", Writer);
        RawSql.Execute(_database.Path, """
            CREATE TRIGGER inject_fault BEFORE INSERT ON journal WHEN NEW.persistence_id = 'agent|poisoned'
            BEGIN SELECT RAISE(ABORT, 'injected fault'); END;
            """);
        await Should.ThrowAsync<SqliteException>(() => journal.AppendAsync(
            [healthy.Next(1), new TestStream("agent|poisoned", Writer).Next(1)], CancellationToken.None));

        var append = healthy.Next(2);
        var outcome = (await journal.AppendAsync([append], CancellationToken.None)).Single();

        outcome.Status.ShouldBe(AppendStatus.Committed);
        outcome.GlobalPositions.Count.ShouldBe(2);
        (await journal.ReadHighestSeqNrAsync(healthy.PersistenceId, CancellationToken.None)).ShouldBe(2);
    }

    public void Dispose() => _database.Dispose();
}
