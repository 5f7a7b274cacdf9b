using ActorTrust.Runtime.Journal;
using Xunit;

namespace ActorTrust.TestKit.JournalConformance;

/// <summary>A malformed append is a writer bug: it throws, and nothing of its batch is written.</summary>
public abstract partial class JournalConformanceTests
{
    /// <summary>A gap in the sequence numbers of one stream's events throws before anything is written.</summary>
    [Fact]
    public async Task Append_with_a_seq_gap_throws_and_writes_nothing_of_its_batch()
    {
        var valid = NewStream("agent", "valid");
        var broken = NewStream("agent", "broken");
        var events = broken.Next(3).Events;
        var gap = new StreamAppend(broken.PersistenceId, 0, NodeA, [events[0], events[2]]);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Journal.AppendAsync([valid.Next(2), gap], Budget));

        await AssertJournalEmptyAsync(valid.PersistenceId, broken.PersistenceId);
    }

    /// <summary>Events not starting right after the expected sequence number throw.</summary>
    [Fact]
    public async Task Append_whose_events_do_not_follow_the_expected_seq_nr_throws()
    {
        var stream = NewStream("agent", "a-1");
        var append = stream.Next(2) with { ExpectedSeqNr = 1 };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Journal.AppendAsync([append], Budget));

        await AssertJournalEmptyAsync(stream.PersistenceId);
    }

    /// <summary>An event whose <c>prev_hash</c> is not its predecessor's hash throws before anything is written.</summary>
    [Fact]
    public async Task Append_with_a_broken_prev_link_throws_and_writes_nothing_of_its_batch()
    {
        var valid = NewStream("agent", "valid");
        var broken = NewStream("agent", "broken");
        var events = broken.Next(2).Events;
        var unlinked = TestStream.CreateEvent(broken.PersistenceId, 2, events[0].PrevHash, NodeA);
        var append = new StreamAppend(broken.PersistenceId, 0, NodeA, [events[0], unlinked]);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Journal.AppendAsync([valid.Next(1), append], Budget));

        await AssertJournalEmptyAsync(valid.PersistenceId, broken.PersistenceId);
    }

    /// <summary>A stream append without events throws.</summary>
    [Fact]
    public async Task Append_without_events_throws()
    {
        var stream = NewStream("agent", "a-1");

        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => Journal.AppendAsync([new StreamAppend(stream.PersistenceId, 0, NodeA, [])], Budget));

        await AssertJournalEmptyAsync(stream.PersistenceId);
    }

    private async Task AssertJournalEmptyAsync(params string[] persistenceIds)
    {
        foreach (var id in persistenceIds)
        {
            Assert.Equal(0, await Journal.ReadHighestSeqNrAsync(id, Budget));
        }

        Assert.Empty(await Journal.ReadFeedAsync(0, 10, FeedFilter.All, Budget));
    }
}
