using System.Globalization;
using System.Text;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Persistence.Sqlite.CrashWriter;

/// <summary>One stream's head as this writer knows it; builds the next chained events.</summary>
internal sealed class ChainHead(string persistenceId)
{
    public string PersistenceId { get; } = persistenceId;

    public long SeqNr { get; private set; }

    public Digest Hash { get; private set; } = HashChain.Genesis(persistenceId);

    public StreamAppend Next(int count, WriterIdentity writer, DateTimeOffset now)
    {
        var events = new List<EventToAppend>(count);
        var prev = Hash;
        for (var seq = SeqNr + 1; seq <= SeqNr + count; seq++)
        {
            var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"n\":{seq}}}"));
            var commandId = string.Create(CultureInfo.InvariantCulture, $"crash-{seq}");
            var hash = HashChain.Compute(prev, PersistenceId, seq, "crash.written.v1", payload, now, writer.Node, writer.FencingToken, commandId);
            events.Add(new EventToAppend(seq, "crash.written.v1", payload, now, commandId, prev, hash));
            prev = hash;
        }

        return new StreamAppend(PersistenceId, SeqNr, writer, events);
    }

    public void Advance(StreamAppend committed)
    {
        SeqNr = committed.Events[^1].SeqNr;
        Hash = committed.Events[^1].Hash;
    }
}
