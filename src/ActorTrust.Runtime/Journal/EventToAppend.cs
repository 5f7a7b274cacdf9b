using ActorTrust.Core.Hashing;

namespace ActorTrust.Runtime.Journal;

/// <summary>An event a writer asks the journal to append; the writer has already computed its chain hash.</summary>
/// <param name="SeqNr">The stream position it must take.</param>
/// <param name="EventType">The event's wire name.</param>
/// <param name="Payload">Canonical JSON bytes.</param>
/// <param name="Timestamp">Decision time (UTC, millisecond precision).</param>
/// <param name="CommandId">The command that produced it.</param>
/// <param name="PrevHash">The previous event's hash.</param>
/// <param name="Hash">This event's hash.</param>
public sealed record EventToAppend(
    long SeqNr,
    string EventType,
    byte[] Payload,
    DateTimeOffset Timestamp,
    string CommandId,
    Digest PrevHash,
    Digest Hash);

/// <summary>
/// Events for one stream within a batch: they follow <see cref="ExpectedSeqNr"/> (the stream's last
/// sequence number the writer saw, 0 for a new stream) and are written under one fencing token.
/// </summary>
/// <param name="PersistenceId">The stream.</param>
/// <param name="ExpectedSeqNr">The last sequence number the writer saw.</param>
/// <param name="Writer">Who writes, and under which token.</param>
/// <param name="Events">At least one event, with consecutive sequence numbers from <c>ExpectedSeqNr + 1</c>.</param>
public sealed record StreamAppend(string PersistenceId, long ExpectedSeqNr, WriterIdentity Writer, IReadOnlyList<EventToAppend> Events);

/// <summary>A writer: its node id (<c>host:port:incarnation</c>) and the fencing token of the shard it holds.</summary>
/// <param name="Node">Node id including incarnation.</param>
/// <param name="FencingToken">The shard lease's fencing token.</param>
public sealed record WriterIdentity(string Node, long FencingToken);
