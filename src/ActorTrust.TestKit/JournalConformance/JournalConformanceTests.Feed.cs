using ActorTrust.Runtime.Journal;
using Xunit;

namespace ActorTrust.TestKit.JournalConformance;

/// <summary>The global feed: every committed event once, in commit order, resumable, filterable.</summary>
public abstract partial class JournalConformanceTests
{
    /// <summary>Paging through the feed in small pages yields every committed event once, in commit order.</summary>
    [Fact]
    public async Task Feed_delivers_every_committed_event_exactly_once_in_commit_order()
    {
        var (expected, _) = await AppendMixedWorkloadAsync();

        var feed = await ReadWholeFeedAsync(FeedFilter.All, pageSize: 7);

        Assert.Equal(expected, feed.Select(r => (r.PersistenceId, r.SeqNr)).ToList());
        var positions = feed.Select(r => r.GlobalPosition).ToList();
        Assert.Equal(positions.Order().Distinct().ToList(), positions);
    }

    /// <summary>Resuming after a position returns exactly the events after it.</summary>
    [Fact]
    public async Task Feed_resumes_after_a_given_position()
    {
        await AppendMixedWorkloadAsync();
        var whole = await ReadWholeFeedAsync(FeedFilter.All, pageSize: 1000);
        var resumeAfter = whole[10].GlobalPosition;

        var rest = await ReadWholeFeedAsync(FeedFilter.All, pageSize: 3, afterPosition: resumeAfter);

        Assert.Equal(whole.Skip(11).Select(r => r.GlobalPosition), rest.Select(r => r.GlobalPosition));
        Assert.Empty(await Journal.ReadFeedAsync(whole[^1].GlobalPosition, 10, FeedFilter.All, Budget));
    }

    /// <summary>New commits appear after the last position a reader has seen.</summary>
    [Fact]
    public async Task Feed_picks_up_events_committed_after_a_reader_caught_up()
    {
        var stream = NewStream("agent", "a-1");
        await AppendCommittedAsync(stream, 2);
        var seen = await ReadWholeFeedAsync(FeedFilter.All, pageSize: 10);

        await AppendCommittedAsync(stream, 3);
        var next = await ReadWholeFeedAsync(FeedFilter.All, pageSize: 10, afterPosition: seen[^1].GlobalPosition);

        Assert.Equal([3L, 4L, 5L], next.Select(r => r.SeqNr).ToArray());
    }

    /// <summary>A kind filter returns only those kinds, still in commit order, and records match the streams.</summary>
    [Fact]
    public async Task Feed_kind_filter_returns_only_those_kinds()
    {
        var (expected, streams) = await AppendMixedWorkloadAsync();
        string[] kinds = ["agent", "lineage"];

        var feed = await ReadWholeFeedAsync(new FeedFilter(Kinds: kinds), pageSize: 4);

        Assert.Equal(expected.Where(e => kinds.Contains(PersistenceIds.KindOf(e.PersistenceId))).ToList(),
            feed.Select(r => (r.PersistenceId, r.SeqNr)).ToList());
        foreach (var record in feed)
        {
            var stream = streams.Single(s => s.PersistenceId == record.PersistenceId);
            var (appended, writer) = stream.Committed[(int)record.SeqNr - 1];
            AssertRecord(stream.PersistenceId, appended, writer, record);
        }
    }

    /// <summary>A persistence id filter returns that stream only; an empty kind list returns nothing.</summary>
    [Fact]
    public async Task Feed_persistence_id_filter_returns_only_that_stream()
    {
        var (_, streams) = await AppendMixedWorkloadAsync();
        var target = streams[1];
        Assert.Equal("session", PersistenceIds.KindOf(target.PersistenceId));

        var feed = await ReadWholeFeedAsync(new FeedFilter(PersistenceId: target.PersistenceId), pageSize: 2);

        AssertStreamContent(target, feed);
        Assert.Empty(await Journal.ReadFeedAsync(0, 100, new FeedFilter(Kinds: []), Budget));
        Assert.Empty(await Journal.ReadFeedAsync(0, 100, new FeedFilter(Kinds: ["agent"], PersistenceId: target.PersistenceId), Budget));
    }

    /// <summary>Appends a mix of batches over four kinds; returns the expected feed order and the streams.</summary>
    private async Task<(List<(string PersistenceId, long SeqNr)> Expected, List<TestStream> Streams)> AppendMixedWorkloadAsync()
    {
        var streams = new List<TestStream>
        {
            NewStream("agent", "a-1"), NewStream("session", "s-1"), NewStream("lineage", "l-1"), NewStream("agent", "a-2"),
            NewStream("domain", "d-1"),
        };
        var expected = new List<(string, long)>();
        for (var round = 0; round < 6; round++)
        {
            var batch = streams.Where((_, i) => (i + round) % 3 != 0).Select((s, i) => (s, s.Next(1 + ((i + round) % 3)))).ToArray();
            await AppendCommittedAsync(batch);
            expected.AddRange(batch.SelectMany(b => b.Item2.Events.Select(e => (b.s.PersistenceId, e.SeqNr))));
        }

        // A refused append must not show up in the feed.
        var stale = new TestStream(streams[0].PersistenceId, NodeA).Next(1);
        Assert.Equal(AppendStatus.SequenceConflict, (await Journal.AppendAsync([stale], Budget))[0].Status);
        return (expected, streams);
    }
}
