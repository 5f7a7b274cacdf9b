using System.Data.Common;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Runtime.Journal;

/// <summary>
/// Maps journal and snapshot rows to records for any ADO.NET reader, by column ordinal. Each backend keeps its own
/// SQL and selects the columns in the order given on <see cref="ReadRecord"/> and <see cref="ReadSnapshot"/>; only how
/// a timestamp is stored differs between backends.
/// </summary>
public sealed class JournalRecordReader
{
    private readonly Func<DbDataReader, int, DateTimeOffset> _readTimestamp;

    /// <summary>A reader for a backend whose timestamps <paramref name="readTimestamp"/> reads back.</summary>
    /// <param name="readTimestamp">Reads the timestamp at an ordinal of the current row.</param>
    public JournalRecordReader(Func<DbDataReader, int, DateTimeOffset> readTimestamp)
    {
        ArgumentNullException.ThrowIfNull(readTimestamp);
        _readTimestamp = readTimestamp;
    }

    /// <summary>
    /// The current row as a journal record. Columns, in order: <c>global_pos, persistence_id, seq_nr, event_type,
    /// payload, timestamp, writer_node, writer_token, command_id, prev_hash, hash</c>.
    /// </summary>
    public JournalRecord ReadRecord(DbDataReader reader) => new(
        GlobalPosition: reader.GetInt64(0),
        PersistenceId: reader.GetString(1),
        SeqNr: reader.GetInt64(2),
        EventType: reader.GetString(3),
        Payload: reader.GetFieldValue<byte[]>(4),
        Timestamp: _readTimestamp(reader, 5),
        WriterNode: reader.GetString(6),
        WriterToken: reader.GetInt64(7),
        CommandId: reader.GetString(8),
        PrevHash: Digest.FromBytes(reader.GetFieldValue<byte[]>(9)),
        Hash: Digest.FromBytes(reader.GetFieldValue<byte[]>(10)));

    /// <summary>
    /// The current row as a snapshot. Columns, in order: <c>persistence_id, seq_nr, hash, writer_token, state_type,
    /// payload, created_at</c>.
    /// </summary>
    public Snapshot ReadSnapshot(DbDataReader reader) => new(
        PersistenceId: reader.GetString(0),
        SeqNr: reader.GetInt64(1),
        Hash: Digest.FromBytes(reader.GetFieldValue<byte[]>(2)),
        WriterToken: reader.GetInt64(3),
        StateType: reader.GetString(4),
        Payload: reader.GetFieldValue<byte[]>(5),
        CreatedAt: _readTimestamp(reader, 6));

    /// <summary>Every remaining row of <paramref name="reader"/>, mapped by <paramref name="read"/>.</summary>
    public static async Task<IReadOnlyList<T>> ReadRowsAsync<T>(
        DbDataReader reader, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(read);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
