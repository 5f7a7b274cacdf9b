using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;

namespace ActorTrust.Runtime.Journal;

/// <summary>
/// The per-stream hash chain (ARCHITECTURE §5):
/// <c>hash = SHA-256("actortrust/journal-event/v1\n" ‖ prev_hash ‖ JCS(envelope))</c>, where the envelope is
/// <c>{command_id, event_type, payload, persistence_id, seq_nr, timestamp, writer_node, writer_token}</c> with
/// the payload embedded as its canonical JSON, and the first <c>prev_hash</c> is
/// <c>SHA-256("actortrust/journal-genesis/v1\n" ‖ persistence_id)</c>.
/// </summary>
public static class HashChain
{
    private static readonly byte[] EventTag = DomainHash.Tag("journal-event");

    /// <summary>The <c>prev_hash</c> of a stream's first event.</summary>
    public static Digest Genesis(string persistenceId) =>
        DomainHash.Compute("journal-genesis", Encoding.UTF8.GetBytes(persistenceId));

    /// <summary>Millisecond-precision UTC text used in the envelope (<c>2026-11-21T23:23:15.123Z</c>).</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Truncates to the millisecond, the precision journals store.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset timestamp) =>
        new(timestamp.UtcTicks - (timestamp.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Computes the hash of an event.</summary>
    public static Digest Compute(
        Digest prevHash, string persistenceId, long seqNr, string eventType, ReadOnlySpan<byte> payload,
        DateTimeOffset timestamp, string writerNode, long writerToken, string commandId)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(EventTag);
        hash.AppendData(prevHash.Bytes);
        Append(hash, "{\"command_id\":");
        hash.AppendData(JsonString(commandId));
        Append(hash, ",\"event_type\":");
        hash.AppendData(JsonString(eventType));
        Append(hash, ",\"payload\":");
        hash.AppendData(payload);
        Append(hash, ",\"persistence_id\":");
        hash.AppendData(JsonString(persistenceId));
        Append(hash, string.Create(CultureInfo.InvariantCulture, $",\"seq_nr\":{seqNr},\"timestamp\":\"{FormatTimestamp(timestamp)}\",\"writer_node\":"));
        hash.AppendData(JsonString(writerNode));
        Append(hash, string.Create(CultureInfo.InvariantCulture, $",\"writer_token\":{writerToken}}}"));
        return Digest.FromBytes(hash.GetHashAndReset());
    }

    /// <summary>Recomputes a stored record's hash from its fields and its stored <c>prev_hash</c>.</summary>
    public static Digest Recompute(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Compute(record.PrevHash, record.PersistenceId, record.SeqNr, record.EventType, record.Payload,
            record.Timestamp, record.WriterNode, record.WriterToken, record.CommandId);
    }

    private static void Append(IncrementalHash hash, string ascii) => hash.AppendData(Encoding.UTF8.GetBytes(ascii));

    private static byte[] JsonString(string value) => CanonicalJson.Serialize(JsonValue.Create(value));
}
