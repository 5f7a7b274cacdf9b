using System.Globalization;
using System.Text;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.TestKit.JournalConformance;

/// <summary>
/// One stream as a test writer sees it: its head (last sequence number and hash) and the events it has had
/// committed. <see cref="Next"/> builds correctly chained events (real <see cref="HashChain"/> hashes) without
/// moving the head; <see cref="MarkCommitted"/> moves it once the journal has committed them.
/// </summary>
public sealed class TestStream
{
    /// <summary>The decision time of sequence number 1; later events are one second and one millisecond apart.</summary>
    public static readonly DateTimeOffset FirstTimestamp = new(2026, 11, 21, 23, 23, 15, 123, TimeSpan.Zero);

    private readonly List<(EventToAppend Event, WriterIdentity Writer)> _committed = [];

    /// <summary>Starts a new, empty stream.</summary>
    public TestStream(string persistenceId, WriterIdentity writer)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(writer);
        PersistenceId = persistenceId;
        Writer = writer;
        LastHash = HashChain.Genesis(persistenceId);
    }

    /// <summary>The stream's persistence id.</summary>
    public string PersistenceId { get; }

    /// <summary>The writer used when <see cref="Next"/> is not given one.</summary>
    public WriterIdentity Writer { get; set; }

    /// <summary>The last committed sequence number (0 when empty).</summary>
    public long LastSeqNr { get; private set; }

    /// <summary>The last committed event's hash (the genesis hash when empty).</summary>
    public Digest LastHash { get; private set; }

    /// <summary>Every committed event with the writer that wrote it, in order.</summary>
    public IReadOnlyList<(EventToAppend Event, WriterIdentity Writer)> Committed => _committed;

    /// <summary>Builds the next <paramref name="count"/> events after the head; the head does not move.</summary>
    public StreamAppend Next(int count, WriterIdentity? writer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        writer ??= Writer;
        var events = new List<EventToAppend>(count);
        var prev = LastHash;
        for (var seq = LastSeqNr + 1; seq <= LastSeqNr + count; seq++)
        {
            var e = CreateEvent(PersistenceId, seq, prev, writer);
            events.Add(e);
            prev = e.Hash;
        }

        return new StreamAppend(PersistenceId, LastSeqNr, writer, events);
    }

    /// <summary>Moves the head past <paramref name="append"/>, which the journal has committed.</summary>
    public void MarkCommitted(StreamAppend append)
    {
        ArgumentNullException.ThrowIfNull(append);
        if (append.PersistenceId != PersistenceId || append.ExpectedSeqNr != LastSeqNr)
        {
            throw new InvalidOperationException($"append for {append.PersistenceId} after seq {append.ExpectedSeqNr} does not follow {PersistenceId} at seq {LastSeqNr}");
        }

        foreach (var e in append.Events)
        {
            _committed.Add((e, append.Writer));
        }

        LastSeqNr = append.Events[^1].SeqNr;
        LastHash = append.Events[^1].Hash;
    }

    /// <summary>A chained event: distinct type, payload, timestamp and command id per stream and seq.</summary>
    public static EventToAppend CreateEvent(string persistenceId, long seqNr, Digest prevHash, WriterIdentity writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var eventType = seqNr % 2 == 0 ? "test.even-happened.v1" : "test.odd-happened.v1";
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"n\":{seqNr},\"note\":\"caf\u00e9 \\\"{persistenceId.Length}\\\"\"}}"));
        var timestamp = FirstTimestamp.AddMilliseconds((seqNr - 1) * 1001);
        var commandId = string.Create(CultureInfo.InvariantCulture, $"cmd-{seqNr}-{persistenceId}");
        var hash = HashChain.Compute(prevHash, persistenceId, seqNr, eventType, payload, timestamp, writer.Node, writer.FencingToken, commandId);
        return new EventToAppend(seqNr, eventType, payload, timestamp, commandId, prevHash, hash);
    }
}
