using ActorTrust.Core.Hashing;

namespace ActorTrust.Runtime.Journal;

/// <summary>
/// One committed event as the journal stores it: its stream position, its global position (commit order),
/// who wrote it under which fencing token, and the hash chain linking it to its predecessor.
/// </summary>
/// <param name="GlobalPosition">Position in the global feed (commit order, strictly increasing, starts at 1).</param>
/// <param name="PersistenceId">The stream, <c>&lt;kind&gt;|&lt;id&gt;</c>.</param>
/// <param name="SeqNr">Position in the stream, 1..N without gaps.</param>
/// <param name="EventType">The event's wire name (<c>domain.created.v1</c>).</param>
/// <param name="Payload">The event's canonical JSON bytes.</param>
/// <param name="Timestamp">When the writer decided the event (UTC, millisecond precision).</param>
/// <param name="WriterNode">The writing node, <c>host:port:incarnation</c>.</param>
/// <param name="WriterToken">The shard fencing token the writer held.</param>
/// <param name="CommandId">The id of the command that produced the event (for de-duplicating retries).</param>
/// <param name="PrevHash">The previous event's hash (or the stream's genesis hash for seq 1).</param>
/// <param name="Hash">This event's chain hash (see <see cref="HashChain"/>).</param>
public sealed record JournalRecord(
    long GlobalPosition,
    string PersistenceId,
    long SeqNr,
    string EventType,
    byte[] Payload,
    DateTimeOffset Timestamp,
    string WriterNode,
    long WriterToken,
    string CommandId,
    Digest PrevHash,
    Digest Hash)
{
    /// <summary>The entity kind: the part of the persistence id before <c>|</c>.</summary>
    public string Kind => PersistenceIds.KindOf(PersistenceId);
}
