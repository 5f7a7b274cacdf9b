using System.Text.Json;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Node.Api;

/// <summary>
/// Writes journal records as JSON with every stored field, the payload embedded as the exact canonical JSON
/// it was hashed over, so a client can recompute the chain itself.
/// </summary>
internal static class EventJson
{
    public static void Write(Utf8JsonWriter writer, JournalRecord record)
    {
        writer.WriteStartObject();
        writer.WriteNumber("global_position", record.GlobalPosition);
        writer.WriteString("persistence_id", record.PersistenceId);
        writer.WriteString("kind", record.Kind);
        writer.WriteNumber("seq_nr", record.SeqNr);
        writer.WriteString("event_type", record.EventType);
        writer.WritePropertyName("payload");
        writer.WriteRawValue(record.Payload, skipInputValidation: false);
        writer.WriteString("timestamp", HashChain.FormatTimestamp(record.Timestamp));
        writer.WriteString("writer_node", record.WriterNode);
        writer.WriteNumber("writer_token", record.WriterToken);
        writer.WriteString("command_id", record.CommandId);
        writer.WriteString("prev_hash", record.PrevHash.ToString());
        writer.WriteString("hash", record.Hash.ToString());
        writer.WriteEndObject();
    }

    public static byte[] Page(IReadOnlyList<JournalRecord> records, long nextAfter)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            foreach (var record in records)
            {
                Write(writer, record);
            }

            writer.WriteEndArray();
            writer.WriteNumber("next_after", nextAfter);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] Line(JournalRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, record);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
