using ActorTrust.Runtime.Journal;
using Xunit;

namespace ActorTrust.TestKit.JournalConformance;

/// <summary>Optimistic concurrency and fencing: a refused stream changes nothing.</summary>
public abstract partial class JournalConformanceTests
{
    /// <summary>A writer that expected an older head gets a sequence conflict; the stream is untouched.</summary>
    [Fact]
    public async Task Stale_expected_seq_nr_is_a_sequence_conflict_and_changes_nothing()
    {
        var stream = NewStream("agent", "a-1");
        var stale = stream.Next(2);
        await AppendCommittedAsync(stream, 3);
        var before = await SnapshotOfJournalAsync(stream.PersistenceId);

        var outcome = (await Journal.AppendAsync([stale], Budget)).Single();

        Assert.Equal(AppendStatus.SequenceConflict, outcome.Status);
        Assert.Empty(outcome.GlobalPositions);
        Assert.False(string.IsNullOrEmpty(outcome.Detail));
        await AssertUnchangedAsync(stream.PersistenceId, before);
    }

    /// <summary>A writer that expects a head beyond the stream's last event gets a sequence conflict.</summary>
    [Fact]
    public async Task Expected_seq_nr_beyond_the_stream_head_is_a_sequence_conflict()
    {
        var stream = NewStream("agent", "a-1");
        await AppendCommittedAsync(stream, 1);
        var ahead = NewStream("agent", "a-1");
        ahead.MarkCommitted(ahead.Next(2)); // a writer that believes seq 1..2 exist
        var before = await SnapshotOfJournalAsync(stream.PersistenceId);

        var outcome = (await Journal.AppendAsync([ahead.Next(1)], Budget)).Single();

        Assert.Equal(AppendStatus.SequenceConflict, outcome.Status);
        await AssertUnchangedAsync(stream.PersistenceId, before);
    }

    /// <summary>The right sequence number with a <c>prev_hash</c> that is not the stored head's hash is a conflict.</summary>
    [Fact]
    public async Task Wrong_prev_hash_is_a_sequence_conflict_and_changes_nothing()
    {
        var stream = NewStream("agent", "a-1");
        await AppendCommittedAsync(stream, 2);
        var before = await SnapshotOfJournalAsync(stream.PersistenceId);
        var linkedToSeq1 = TestStream.CreateEvent(stream.PersistenceId, 3, stream.Committed[0].Event.Hash, NodeA);
        var append = new StreamAppend(stream.PersistenceId, 2, NodeA, [linkedToSeq1]);

        var outcome = (await Journal.AppendAsync([append], Budget)).Single();

        Assert.Equal(AppendStatus.SequenceConflict, outcome.Status);
        await AssertUnchangedAsync(stream.PersistenceId, before);
    }

    /// <summary>A new stream's first event must link to the genesis hash.</summary>
    [Fact]
    public async Task First_event_not_linked_to_the_genesis_hash_is_a_sequence_conflict()
    {
        var stream = NewStream("agent", "a-1");
        var other = NewStream("agent", "a-2").Next(1).Events[0];
        var append = stream.Next(1) with { Events = [TestStream.CreateEvent(stream.PersistenceId, 1, other.Hash, NodeA)] };

        var outcome = (await Journal.AppendAsync([append], Budget)).Single();

        Assert.Equal(AppendStatus.SequenceConflict, outcome.Status);
        Assert.Equal(0, await Journal.ReadHighestSeqNrAsync(stream.PersistenceId, Budget));
    }

    /// <summary>A writer whose token is below the stream's last writer token is fenced; nothing is written.</summary>
    [Fact]
    public async Task Writer_with_a_lower_token_than_the_stream_is_fenced_and_changes_nothing()
    {
        var stream = NewStream("agent", "a-1");
        await AppendCommittedAsync(stream, 2);
        stream.Writer = NodeA with { FencingToken = 9 };
        await AppendCommittedAsync(stream, 1);
        var before = await SnapshotOfJournalAsync(stream.PersistenceId);

        var outcome = (await Journal.AppendAsync([stream.Next(1, NodeA with { FencingToken = 8 })], Budget)).Single();

        Assert.Equal(AppendStatus.Fenced, outcome.Status);
        Assert.Empty(outcome.GlobalPositions);
        await AssertUnchangedAsync(stream.PersistenceId, before);
    }

    /// <summary>The same token as the stream's last one is not fenced (a shard holder keeps its token).</summary>
    [Fact]
    public async Task Writer_with_the_same_or_a_higher_token_is_not_fenced()
    {
        var stream = NewStream("agent", "a-1");
        await AppendCommittedAsync(stream, 1);
        await AppendCommittedAsync(stream, 1);
        stream.Writer = NodeA with { Node = "127.0.0.1:7002:2", FencingToken = NodeA.FencingToken + 1 };

        await AppendCommittedAsync(stream, 1);

        Assert.Equal(3, await Journal.ReadHighestSeqNrAsync(stream.PersistenceId, Budget));
    }

    /// <summary>One refused stream in a batch does not stop the others from committing.</summary>
    [Fact]
    public async Task Conflicting_and_fenced_streams_do_not_fail_the_others_in_their_batch()
    {
        var good1 = NewStream("agent", "good-1");
        var conflicting = NewStream("agent", "conflict");
        var fenced = NewStream("agent", "fenced");
        var good2 = NewStream("session", "good-2");
        var stale = conflicting.Next(1);
        await AppendCommittedAsync((conflicting, conflicting.Next(1)), (fenced, fenced.Next(1, NodeA with { FencingToken = 20 })));

        var outcomes = await Journal.AppendAsync(
            [good1.Next(2), stale, fenced.Next(1, NodeA with { FencingToken = 19 }), good2.Next(3)], Budget);

        Assert.Equal([AppendStatus.Committed, AppendStatus.SequenceConflict, AppendStatus.Fenced, AppendStatus.Committed],
            outcomes.Select(o => o.Status).ToArray());
        Assert.Equal([good1.PersistenceId, conflicting.PersistenceId, fenced.PersistenceId, good2.PersistenceId],
            outcomes.Select(o => o.PersistenceId).ToArray());
        Assert.Equal(2, await Journal.ReadHighestSeqNrAsync(good1.PersistenceId, Budget));
        Assert.Equal(1, await Journal.ReadHighestSeqNrAsync(conflicting.PersistenceId, Budget));
        Assert.Equal(1, await Journal.ReadHighestSeqNrAsync(fenced.PersistenceId, Budget));
        Assert.Equal(3, await Journal.ReadHighestSeqNrAsync(good2.PersistenceId, Budget));
        Assert.Equal(7, (await ReadWholeFeedAsync(FeedFilter.All, 100)).Count);
    }

    private async Task<(List<JournalRecord> Stream, List<JournalRecord> Feed)> SnapshotOfJournalAsync(string persistenceId) =>
        (await ReadStreamAsync(persistenceId), await ReadWholeFeedAsync(FeedFilter.All, 1000));

    private async Task AssertUnchangedAsync(string persistenceId, (List<JournalRecord> Stream, List<JournalRecord> Feed) before)
    {
        var after = await SnapshotOfJournalAsync(persistenceId);
        Assert.Equal(before.Stream.Select(r => (r.GlobalPosition, r.SeqNr, r.Hash)), after.Stream.Select(r => (r.GlobalPosition, r.SeqNr, r.Hash)));
        Assert.Equal(before.Feed.Select(r => r.GlobalPosition), after.Feed.Select(r => r.GlobalPosition));
        Assert.Equal(before.Stream.Count, await Journal.ReadHighestSeqNrAsync(persistenceId, Budget));
    }
}
