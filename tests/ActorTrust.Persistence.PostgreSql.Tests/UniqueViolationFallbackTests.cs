using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.JournalConformance;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>A unique violation on (persistence_id, seq_nr) rolls the batch back and re-runs each stream alone.</summary>
public sealed class UniqueViolationFallbackTests(PostgresFixture postgres) : PostgresTestBase(postgres)
{
    private static readonly WriterIdentity Writer = new("127.0.0.1:7001:1", 3);

    [PostgresFact]
    public async Task A_stream_racing_another_writer_gets_a_conflict_while_the_rest_of_its_batch_commits()
    {
        var good = new TestStream("agent|good", Writer);
        var contested = new TestStream("agent|contested", Writer);
        var other = new TestStream("session|other", Writer);

        // Another writer inserts the contested stream's seq 1 and commits only once the batch has read the
        // stream as empty and is waiting on that key: the batch's INSERT then hits the unique key.
        await using var rival = await Db.OpenAsync(ConnectionString);
        await using var rivalTx = await rival.BeginTransactionAsync();
        await Db.InsertRawEventAsync(rival, "agent|contested", seqNr: 1);
        var appending = Journal.AppendAsync([good.Next(2), contested.Next(1), other.Next(1)], Budget);
        await Db.WaitUntilBlockedOnLockAsync(ConnectionString, "INSERT INTO journal");
        await rivalTx.CommitAsync();

        var outcomes = await appending.WaitAsync(TimeSpan.FromSeconds(30));

        outcomes.Select(o => o.Status).ShouldBe([AppendStatus.Committed, AppendStatus.SequenceConflict, AppendStatus.Committed]);
        outcomes[1].Detail.ShouldBe("stream is at seq 1; the writer expected 0");
        (await Journal.ReadHighestSeqNrAsync("agent|good", Budget)).ShouldBe(2);
        (await Journal.ReadHighestSeqNrAsync("session|other", Budget)).ShouldBe(1);
        var feed = await Journal.ReadFeedAsync(0, 100, FeedFilter.All, Budget);
        feed.Select(r => r.PersistenceId).ShouldBe(["agent|contested", "agent|good", "agent|good", "session|other"]);
    }

    [PostgresFact]
    public async Task A_single_stream_that_loses_the_race_is_a_sequence_conflict()
    {
        var contested = new TestStream("agent|contested", Writer);
        await using var rival = await Db.OpenAsync(ConnectionString);
        await using var rivalTx = await rival.BeginTransactionAsync();
        await Db.InsertRawEventAsync(rival, "agent|contested", seqNr: 1);
        var appending = AppendOneAsync(contested.Next(1));
        await Db.WaitUntilBlockedOnLockAsync(ConnectionString, "INSERT INTO journal");
        await rivalTx.CommitAsync();

        var outcome = await appending.WaitAsync(TimeSpan.FromSeconds(30));

        outcome.Status.ShouldBe(AppendStatus.SequenceConflict);
        outcome.Detail!.ShouldStartWith("another writer committed seq 1 of the stream concurrently (23505");
        (await Journal.ReadHighestSeqNrAsync("agent|contested", Budget)).ShouldBe(1);
    }
}
