using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;
using Npgsql;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>How journal and snapshot rows map to records: the column lists and the readers.</summary>
internal static class JournalRows
{
    /// <summary>The journal columns, in the order <see cref="ReadRecord"/> expects.</summary>
    public const string RecordColumns =
        "global_pos, persistence_id, seq_nr, event_type, payload, timestamp, writer_node, writer_token, command_id, prev_hash, hash";

    /// <summary>The snapshot columns, in the order <see cref="ReadSnapshot"/> expects.</summary>
    public const string SnapshotColumns = "persistence_id, seq_nr, hash, writer_token, state_type, payload, created_at";

    public static JournalRecord ReadRecord(NpgsqlDataReader reader) => new(
        GlobalPosition: reader.GetInt64(0),
        PersistenceId: reader.GetString(1),
        SeqNr: reader.GetInt64(2),
        EventType: reader.GetString(3),
        Payload: reader.GetFieldValue<byte[]>(4),
        Timestamp: reader.GetFieldValue<DateTimeOffset>(5),
        WriterNode: reader.GetString(6),
        WriterToken: reader.GetInt64(7),
        CommandId: reader.GetString(8),
        PrevHash: Digest.FromBytes(reader.GetFieldValue<byte[]>(9)),
        Hash: Digest.FromBytes(reader.GetFieldValue<byte[]>(10)));

    public static Snapshot ReadSnapshot(NpgsqlDataReader reader) => new(
        PersistenceId: reader.GetString(0),
        SeqNr: reader.GetInt64(1),
        Hash: Digest.FromBytes(reader.GetFieldValue<byte[]>(2)),
        WriterToken: reader.GetInt64(3),
        StateType: reader.GetString(4),
        Payload: reader.GetFieldValue<byte[]>(5),
        CreatedAt: reader.GetFieldValue<DateTimeOffset>(6));

    /// <summary>UTC at millisecond precision, the precision the hash chain covers.</summary>
    public static DateTime ToUtc(DateTimeOffset timestamp) => HashChain.Truncate(timestamp).UtcDateTime;
}
