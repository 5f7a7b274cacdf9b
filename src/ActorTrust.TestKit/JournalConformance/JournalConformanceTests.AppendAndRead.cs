using ActorTrust.Runtime.Journal;
using Xunit;

namespace ActorTrust.TestKit.JournalConformance;

/// <summary>Appending and reading streams back.</summary>
public abstract partial class JournalConformanceTests
{
    /// <summary>Every field survives the round trip: timestamp to the millisecond, hashes, payload bytes, writer.</summary>
    [Fact]
    public async Task Appended_events_read_back_with_every_field_exact()
    {
        var stream = NewStream("agent", "a-1");
        var outcome = await AppendCommittedAsync(stream, 3);

        var records = await ReadStreamAsync(stream.PersistenceId);

        AssertStreamContent(stream, records);
        Assert.Equal(outcome.GlobalPositions, records.Select(r => r.GlobalPosition).ToList());
        Assert.All(records, r => Assert.Equal("agent", r.Kind));
    }

    /// <summary>Global positions start at 1 and increase in append order.</summary>
    [Fact]
    public async Task Global_positions_start_at_one_and_increase_in_commit_order()
    {
        var first = NewStream("agent", "a-1");
        var second = NewStream("domain", "d-1");

        var a = await AppendCommittedAsync(first, 2);
        var b = await AppendCommittedAsync(second, 1);

        Assert.Equal(1, a.GlobalPositions[0]);
        var positions = a.GlobalPositions.Concat(b.GlobalPositions).ToList();
        Assert.Equal(positions.Order().ToList(), positions);
        Assert.Equal(positions.Count, positions.Distinct().Count());
    }

    /// <summary>Reading from a sequence number in the middle starts exactly there.</summary>
    [Fact]
    public async Task Reading_a_stream_from_the_middle_starts_at_that_seq_nr()
    {
        var stream = NewStream("agent", "a-1");
        await AppendCommittedAsync(stream, 4);
        await AppendCommittedAsync(stream, 3);

        var records = await ReadStreamAsync(stream.PersistenceId, fromSeqNr: 5);

        AssertStreamContent(stream, records, fromSeqNr: 5);
        Assert.Empty(await ReadStreamAsync(stream.PersistenceId, fromSeqNr: 8));
    }

    /// <summary>A stream longer than any sensible replay page still reads back whole and in order.</summary>
    [Fact]
    public async Task A_stream_longer_than_a_replay_page_reads_back_whole()
    {
        var stream = NewStream("session", "s-long");
        for (var i = 0; i < 5; i++)
        {
            await AppendCommittedAsync(stream, 500);
        }

        await AppendCommittedAsync(stream, 7);

        var records = await ReadStreamAsync(stream.PersistenceId);

        Assert.Equal(Enumerable.Range(1, 2507).Select(i => (long)i), records.Select(r => r.SeqNr));
        AssertStreamContent(stream, records);
    }

    /// <summary>The highest sequence number is 0 for an unknown stream and the last one after appends.</summary>
    [Fact]
    public async Task Highest_seq_nr_is_zero_for_an_unknown_stream_and_the_last_appended_otherwise()
    {
        var stream = NewStream("agent", "a-1");
        Assert.Equal(0, await Journal.ReadHighestSeqNrAsync(stream.PersistenceId, Budget));

        await AppendCommittedAsync(stream, 2);
        await AppendCommittedAsync(stream, 3);

        Assert.Equal(5, await Journal.ReadHighestSeqNrAsync(stream.PersistenceId, Budget));
        Assert.Equal(0, await Journal.ReadHighestSeqNrAsync("agent|a-10", Budget));
    }

    /// <summary>Persistence ids come back once each, ordinally ordered, and only for streams with events.</summary>
    [Fact]
    public async Task Persistence_ids_lists_each_stream_with_events_once_in_ordinal_order()
    {
        string[] ids = ["session|b", "agent|z", "agent|a", "Agent|m", "agent|a-2", "domain|\u00e9"];
        foreach (var id in ids)
        {
            var stream = new TestStream(id, NodeA);
            await AppendCommittedAsync(stream, 2);
        }

        var listed = new List<string>();
        await foreach (var id in Journal.ReadPersistenceIdsAsync(Budget))
        {
            listed.Add(id);
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal).ToList(), listed);
    }

    /// <summary>
    /// Listing one kind returns only that kind's streams, in ordinal order, and resumes after an entity id; kinds that
    /// share a prefix with it (<c>agent-x</c>, <c>agents</c>) or differ in case are not in its range.
    /// </summary>
    [Fact]
    public async Task Persistence_ids_of_one_kind_list_only_that_kind_in_ordinal_order_and_resume_after_an_entity_id()
    {
        string[] ids = ["agent|z", "session|b", "agent|a", "Agent|m", "agent-x|q", "agents|b", "agent|a-2", "agent|\u00e9", "agenu|a"];
        foreach (var id in ids)
        {
            await AppendCommittedAsync(new TestStream(id, NodeA), 1);
        }

        async Task<List<string>> ListAsync(string kind, string? after)
        {
            var listed = new List<string>();
            await foreach (var id in Journal.ReadPersistenceIdsAsync(kind, after, Budget))
            {
                listed.Add(id);
            }

            return listed;
        }

        Assert.Equal(["agent|a", "agent|a-2", "agent|z", "agent|\u00e9"], await ListAsync("agent", null));
        Assert.Equal(["agent|z", "agent|\u00e9"], await ListAsync("agent", "a-2"));
        Assert.Equal(["session|b"], await ListAsync("session", null));
        Assert.Empty(await ListAsync("domain", null));
        Assert.Empty(await ListAsync("agent", "\u00e9"));
    }

    /// <summary>Many streams in one batch: each keeps its own order, and positions follow the batch order.</summary>
    [Fact]
    public async Task Many_streams_in_one_batch_keep_per_stream_order()
    {
        var streams = Enumerable.Range(0, 40).Select(i => NewStream(i % 2 == 0 ? "agent" : "session", $"e-{i}")).ToList();
        await AppendCommittedAsync(streams.Select(s => (s, s.Next(1))).ToArray());

        var outcomes = await AppendCommittedAsync(streams.Select((s, i) => (s, s.Next(1 + (i % 4)))).ToArray());

        var positions = outcomes.SelectMany(o => o.GlobalPositions).ToList();
        Assert.Equal(positions.Order().ToList(), positions);
        foreach (var stream in streams)
        {
            AssertStreamContent(stream, await ReadStreamAsync(stream.PersistenceId));
        }
    }

    /// <summary>What the journal returns verifies with <see cref="ChainVerifier"/> end to end.</summary>
    [Fact]
    public async Task Records_the_journal_returns_pass_chain_verification()
    {
        var stream = NewStream("lineage", "l-1");
        await AppendCommittedAsync(stream, 3);
        stream.Writer = NodeA with { FencingToken = NodeA.FencingToken + 1 };
        await AppendCommittedAsync(stream, 4);

        var verifier = new ChainVerifier(stream.PersistenceId);
        foreach (var record in await ReadStreamAsync(stream.PersistenceId))
        {
            Assert.Null(verifier.Check(record));
        }

        Assert.Null(verifier.CheckEnd(7));
        Assert.Equal(stream.LastHash, verifier.LastHash);
        Assert.Equal(NodeA.FencingToken + 1, verifier.LastWriterToken);
    }
}
