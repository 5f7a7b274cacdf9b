using ActorTrust.Runtime.Journal;

namespace ActorTrust.Persistence.Sqlite;

/// <summary>How journal and snapshot rows map to records: the column lists and the reader.</summary>
internal static class JournalRows
{
    /// <summary>The journal columns, in the order <see cref="JournalRecordReader.ReadRecord"/> expects.</summary>
    public const string RecordColumns =
        "global_pos, persistence_id, seq_nr, event_type, payload, timestamp_ms, writer_node, writer_token, command_id, prev_hash, hash";

    /// <summary>The snapshot columns, in the order <see cref="JournalRecordReader.ReadSnapshot"/> expects.</summary>
    public const string SnapshotColumns = "persistence_id, seq_nr, hash, writer_token, state_type, payload, created_at_ms";

    /// <summary>Maps rows of those columns; SQLite stores timestamps as Unix milliseconds.</summary>
    public static JournalRecordReader Reader { get; } = new((reader, ordinal) => FromUnixMs(reader.GetInt64(ordinal)));

    /// <summary>Unix milliseconds, the precision the journal stores (sub-millisecond ticks are dropped).</summary>
    public static long ToUnixMs(DateTimeOffset timestamp) => HashChain.Truncate(timestamp).ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}
