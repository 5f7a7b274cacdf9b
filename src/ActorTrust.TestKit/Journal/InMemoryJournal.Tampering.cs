using ActorTrust.Runtime.Journal;

namespace ActorTrust.TestKit.Journal;

/// <summary>
/// Tampering, for tests of integrity checks: each helper changes stored records behind the journal's rules,
/// the way an attacker with write access to the database would.
/// </summary>
public sealed partial class InMemoryJournal
{
    /// <summary>Replaces a stored record (to simulate tampering in tests).</summary>
    public void Tamper(string persistenceId, long seqNr, Func<JournalRecord, JournalRecord> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var stream = _streams[persistenceId];
            var index = stream.FindIndex(r => r.SeqNr == seqNr);
            var updated = change(stream[index]);
            stream[index] = updated;
            _all[_all.FindIndex(r => r.PersistenceId == persistenceId && r.SeqNr == seqNr)] = updated;
        }
    }

    /// <summary>Removes a stored record from its stream and the feed (to simulate a deletion in tests).</summary>
    public void Delete(string persistenceId, long seqNr)
    {
        lock (_gate)
        {
            _streams[persistenceId].RemoveAt(IndexInStream(persistenceId, seqNr));
            _all.RemoveAt(IndexInFeed(persistenceId, seqNr));
        }
    }

    /// <summary>Swaps where two records of a stream are stored, in the stream and in the feed (to simulate reordering).</summary>
    public void Swap(string persistenceId, long seqNrA, long seqNrB)
    {
        lock (_gate)
        {
            var stream = _streams[persistenceId];
            int a = IndexInStream(persistenceId, seqNrA), b = IndexInStream(persistenceId, seqNrB);
            (stream[a], stream[b]) = (stream[b], stream[a]);
            int fa = IndexInFeed(persistenceId, seqNrA), fb = IndexInFeed(persistenceId, seqNrB);
            (_all[fa], _all[fb]) = (_all[fb], _all[fa]);
        }
    }

    /// <summary>
    /// Stores <paramref name="record"/> right after the record at <paramref name="afterSeqNr"/> of its stream, in
    /// the stream and in the feed, unchecked (to simulate an inserted or duplicated record).
    /// </summary>
    public void Insert(long afterSeqNr, JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _streams[record.PersistenceId].Insert(IndexInStream(record.PersistenceId, afterSeqNr) + 1, record);
            _all.Insert(IndexInFeed(record.PersistenceId, afterSeqNr) + 1, record);
        }
    }

    // First match: after a duplication the original comes first.
    private int IndexInStream(string persistenceId, long seqNr) =>
        Found(_streams[persistenceId].FindIndex(r => r.SeqNr == seqNr), persistenceId, seqNr);

    private int IndexInFeed(string persistenceId, long seqNr) =>
        Found(_all.FindIndex(r => r.PersistenceId == persistenceId && r.SeqNr == seqNr), persistenceId, seqNr);

    private static int Found(int index, string persistenceId, long seqNr) =>
        index >= 0 ? index : throw new ArgumentException($"{persistenceId} has no record at seq {seqNr}");
}
