using System.Globalization;
using ActorTrust.Benchmarks.Entity;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// A stream's head, building appends the way an entity host does (serialize each event to canonical JSON, then
/// chain-hash it), so the journal and the journal writer can be measured without the registry on top.
/// </summary>
internal sealed class ChainHead(string persistenceId)
{
    private long _seqNr;
    private Digest _lastHash = HashChain.Genesis(persistenceId);

    public StreamAppend Next(int count, WriterIdentity writer)
    {
        var timestamp = HashChain.Truncate(DateTimeOffset.UtcNow);
        var commandId = string.Create(CultureInfo.InvariantCulture, $"cmd-{_seqNr + 1}");
        var events = new EventToAppend[count];
        var prev = _lastHash;
        for (var i = 0; i < count; i++)
        {
            var seqNr = _seqNr + i + 1;
            var payload = BenchCounter.Kind.Events.Serialize(new Stepped(i, BenchDecider.Reason));
            var hash = HashChain.Compute(prev, persistenceId, seqNr, "bench.stepped.v1", payload, timestamp, writer.Node, writer.FencingToken, commandId);
            events[i] = new EventToAppend(seqNr, "bench.stepped.v1", payload, timestamp, commandId, prev, hash);
            prev = hash;
        }

        return new StreamAppend(persistenceId, _seqNr, writer, events);
    }

    public void Advance(StreamAppend append)
    {
        _seqNr = append.Events[^1].SeqNr;
        _lastHash = append.Events[^1].Hash;
    }
}
