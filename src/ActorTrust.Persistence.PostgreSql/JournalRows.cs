using ActorTrust.Runtime.Journal;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>How journal and snapshot rows map to records: the column lists and the reader.</summary>
internal static class JournalRows
{
    /// <summary>The journal columns, in the order <see cref="JournalRecordReader.ReadRecord"/> expects.</summary>
    public const string RecordColumns =
        "global_pos, persistence_id, seq_nr, event_type, payload, timestamp, writer_node, writer_token, command_id, prev_hash, hash";

    /// <summary>The snapshot columns, in the order <see cref="JournalRecordReader.ReadSnapshot"/> expects.</summary>
    public const string SnapshotColumns = "persistence_id, seq_nr, hash, writer_token, state_type, payload, created_at";

    /// <summary>Maps rows of those columns; PostgreSQL stores timestamps as <c>timestamptz</c>.</summary>
    public static JournalRecordReader Reader { get; } = new((reader, ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal));

    /// <summary>UTC at millisecond precision, the precision the hash chain covers.</summary>
    public static DateTime ToUtc(DateTimeOffset timestamp) => HashChain.Truncate(timestamp).UtcDateTime;
}
