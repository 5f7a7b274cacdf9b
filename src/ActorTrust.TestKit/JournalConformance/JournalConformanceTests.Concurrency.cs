using ActorTrust.Runtime.Journal;
using Xunit;

namespace ActorTrust.TestKit.JournalConformance;

/// <summary>Concurrent callers: appends interleave safely and the feed stays exact.</summary>
public abstract partial class JournalConformanceTests
{
    /// <summary>8 callers × 50 appends (each to its own streams) give contiguous streams and a duplicate-free feed.</summary>
    [Fact]
    public async Task Concurrent_appenders_produce_contiguous_streams_and_a_feed_without_duplicates()
    {
        const int Writers = 8;
        const int AppendsPerWriter = 50;
        var streams = Enumerable.Range(0, Writers)
            .Select(w => new[] { NewStream("agent", $"w{w}-a"), NewStream("session", $"w{w}-b") })
            .ToList();

        await Task.WhenAll(streams.Select(pair => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsPerWriter; i++)
            {
                var batch = i % 3 == 0
                    ? new[] { (pair[0], pair[0].Next(1 + (i % 4))), (pair[1], pair[1].Next(2)) }
                    : new[] { (pair[i % 2], pair[i % 2].Next(1 + (i % 3))) };
                await AppendCommittedAsync(batch);
            }
        })));

        var all = streams.SelectMany(s => s).ToList();
        foreach (var stream in all)
        {
            var records = await ReadStreamAsync(stream.PersistenceId);
            AssertStreamContent(stream, records);
            var verifier = new ChainVerifier(stream.PersistenceId);
            Assert.All(records, r => Assert.Null(verifier.Check(r)));
        }

        var feed = await ReadWholeFeedAsync(FeedFilter.All, pageSize: 97);
        Assert.Equal(all.Sum(s => s.Committed.Count), feed.Count);
        Assert.Equal(feed.Count, feed.Select(r => (r.PersistenceId, r.SeqNr)).Distinct().Count());
        Assert.Equal(feed.Select(r => r.GlobalPosition).Order().Distinct(), feed.Select(r => r.GlobalPosition));
        foreach (var group in feed.GroupBy(r => r.PersistenceId))
        {
            Assert.Equal(Enumerable.Range(1, group.Count()).Select(i => (long)i), group.Select(r => r.SeqNr));
        }
    }

    /// <summary>Writers racing on one stream: each sequence number is won once; losers see a conflict and retry.</summary>
    [Fact]
    public async Task Writers_racing_on_one_stream_never_commit_the_same_seq_nr_twice()
    {
        const int Writers = 6;
        const int CommitsPerWriter = 15;
        const string Pid = "agent|contended";

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var writer = NodeA with { Node = $"127.0.0.1:{7100 + w}:1" };
            for (var committed = 0; committed < CommitsPerWriter;)
            {
                var head = await ReadHeadAsync(Pid);
                var e = TestStream.CreateEvent(Pid, head.SeqNr + 1, head.Hash, writer);
                var outcome = (await Journal.AppendAsync([new StreamAppend(Pid, head.SeqNr, writer, [e])], Budget))[0];
                if (outcome.Status == AppendStatus.Committed)
                {
                    committed++;
                }
                else
                {
                    Assert.Equal(AppendStatus.SequenceConflict, outcome.Status);
                }
            }
        })));

        var records = await ReadStreamAsync(Pid);
        Assert.Equal(Writers * CommitsPerWriter, records.Count);
        var verifier = new ChainVerifier(Pid);
        Assert.All(records, r => Assert.Null(verifier.Check(r)));
        Assert.Equal(Writers * CommitsPerWriter, (await ReadWholeFeedAsync(FeedFilter.All, 50)).Count);
    }

    private async Task<(long SeqNr, Core.Hashing.Digest Hash)> ReadHeadAsync(string persistenceId)
    {
        var highest = await Journal.ReadHighestSeqNrAsync(persistenceId, Budget);
        if (highest == 0)
        {
            return (0, HashChain.Genesis(persistenceId));
        }

        var last = (await ReadStreamAsync(persistenceId, highest)).First();
        return (last.SeqNr, last.Hash);
    }
}
