using ActorTrust.Runtime.Journal;
using Xunit;

namespace ActorTrust.TestKit.JournalConformance;

/// <summary>Snapshots: saved, the newest loaded, replaced at the same sequence number.</summary>
public abstract partial class JournalConformanceTests
{
    /// <summary>A stream without snapshots loads none.</summary>
    [Fact]
    public async Task Loading_a_snapshot_of_a_stream_without_one_returns_null()
    {
        Assert.Null(await Journal.LoadSnapshotAsync("agent|none", Budget));
    }

    /// <summary>The snapshot with the highest sequence number is loaded, every field exact.</summary>
    [Fact]
    public async Task The_newest_snapshot_is_loaded_with_every_field_exact()
    {
        var stream = NewStream("agent", "a-1");
        await AppendCommittedAsync(stream, 12);
        var older = SnapshotAt(stream, 5, "{\"v\":5}"u8.ToArray());
        var newer = SnapshotAt(stream, 10, "{\"v\":10}"u8.ToArray());
        await Journal.SaveSnapshotAsync(newer, Budget);
        await Journal.SaveSnapshotAsync(older, Budget);
        await Journal.SaveSnapshotAsync(SnapshotAt(NewStream("agent", "a-2"), 20, [1]), Budget);

        var loaded = await Journal.LoadSnapshotAsync(stream.PersistenceId, Budget);

        AssertSnapshot(newer, loaded);
    }

    /// <summary>Saving again at the same sequence number replaces the snapshot.</summary>
    [Fact]
    public async Task Saving_a_snapshot_at_the_same_seq_nr_replaces_it()
    {
        var stream = NewStream("agent", "a-1");
        await AppendCommittedAsync(stream, 3);
        await Journal.SaveSnapshotAsync(SnapshotAt(stream, 3, "{\"v\":\"first\"}"u8.ToArray()), Budget);
        var replacement = SnapshotAt(stream, 3, "{\"v\":\"second\"}"u8.ToArray()) with { StateType = "test.state.v2" };

        await Journal.SaveSnapshotAsync(replacement, Budget);

        AssertSnapshot(replacement, await Journal.LoadSnapshotAsync(stream.PersistenceId, Budget));
    }

    private static Snapshot SnapshotAt(TestStream stream, long seqNr, byte[] payload)
    {
        var hash = seqNr <= stream.LastSeqNr ? stream.Committed[(int)seqNr - 1].Event.Hash : HashChain.Genesis(stream.PersistenceId);
        return new Snapshot(stream.PersistenceId, seqNr, hash, stream.Writer.FencingToken, "test.state.v1", payload,
            TestStream.FirstTimestamp.AddDays(1).AddMilliseconds(seqNr));
    }

    private static void AssertSnapshot(Snapshot expected, Snapshot? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.PersistenceId, actual.PersistenceId);
        Assert.Equal(expected.SeqNr, actual.SeqNr);
        Assert.Equal(expected.Hash, actual.Hash);
        Assert.Equal(expected.WriterToken, actual.WriterToken);
        Assert.Equal(expected.StateType, actual.StateType);
        Assert.Equal(expected.Payload, actual.Payload);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
    }
}
