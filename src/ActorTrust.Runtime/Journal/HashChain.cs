using System.Buffers;
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
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly byte[] EventTag = DomainHash.Tag("journal-event");

    /// <summary>The <c>prev_hash</c> of a stream's first event.</summary>
    public static Digest Genesis(string persistenceId) =>
        DomainHash.Compute("journal-genesis", Encoding.UTF8.GetBytes(persistenceId));

    /// <summary>Millisecond-precision UTC text used in the envelope (<c>2026-11-21T23:23:15.123Z</c>).</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Truncates to the millisecond, the precision journals store.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset timestamp) =>
        new(timestamp.UtcTicks - (timestamp.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Computes the hash of an event.</summary>
    /// <remarks>
    /// The pre-image is assembled in one pooled buffer and hashed in a single call: this runs for every append and
    /// for every event an audit or a recovery verifies, so it avoids per-event allocations beyond the result.
    /// </remarks>
    public static Digest Compute(
        Digest prevHash, string persistenceId, long seqNr, string eventType, ReadOnlySpan<byte> payload,
        DateTimeOffset timestamp, string writerNode, long writerToken, string commandId)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(writerNode);
        ArgumentNullException.ThrowIfNull(commandId);
        var bound = EventTag.Length + Digest.ByteLength + payload.Length + 256
            + JsonStringBound(commandId) + JsonStringBound(eventType) + JsonStringBound(persistenceId) + JsonStringBound(writerNode);
        var rented = ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            var buffer = rented.AsSpan();
            var at = 0;
            Put(buffer, ref at, EventTag);
            Put(buffer, ref at, prevHash.Bytes);
            Put(buffer, ref at, "{\"command_id\":"u8);
            PutJsonString(buffer, ref at, commandId);
            Put(buffer, ref at, ",\"event_type\":"u8);
            PutJsonString(buffer, ref at, eventType);
            Put(buffer, ref at, ",\"payload\":"u8);
            Put(buffer, ref at, payload);
            Put(buffer, ref at, ",\"persistence_id\":"u8);
            PutJsonString(buffer, ref at, persistenceId);
            Put(buffer, ref at, ",\"seq_nr\":"u8);
            PutInteger(buffer, ref at, seqNr);
            Put(buffer, ref at, ",\"timestamp\":\""u8);
            timestamp.UtcDateTime.TryFormat(buffer[at..], out var written, TimestampFormat, CultureInfo.InvariantCulture);
            at += written;
            Put(buffer, ref at, "\",\"writer_node\":"u8);
            PutJsonString(buffer, ref at, writerNode);
            Put(buffer, ref at, ",\"writer_token\":"u8);
            PutInteger(buffer, ref at, writerToken);
            Put(buffer, ref at, "}"u8);
            Span<byte> digest = stackalloc byte[Digest.ByteLength];
            SHA256.HashData(buffer[..at], digest);
            return Digest.FromBytes(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Recomputes a stored record's hash from its fields and its stored <c>prev_hash</c>.</summary>
    public static Digest Recompute(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Compute(record.PrevHash, record.PersistenceId, record.SeqNr, record.EventType, record.Payload,
            record.Timestamp, record.WriterNode, record.WriterToken, record.CommandId);
    }

    private static void Put(Span<byte> buffer, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer[at..]);
        at += bytes.Length;
    }

    private static void PutInteger(Span<byte> buffer, ref int at, long value)
    {
        value.TryFormat(buffer[at..], out var written, default, CultureInfo.InvariantCulture);
        at += written;
    }

    // RFC 8785 writes a string as its UTF-8 between quotes unless it holds a quote, a backslash, a control
    // character or a lone surrogate; only those rare strings go through the canonical writer.
    private static void PutJsonString(Span<byte> buffer, ref int at, string value)
    {
        if (NeedsEscaping(value))
        {
            Put(buffer, ref at, CanonicalJson.Serialize(JsonValue.Create(value)));
            return;
        }

        buffer[at++] = (byte)'"';
        at += Encoding.UTF8.GetBytes(value, buffer[at..]);
        buffer[at++] = (byte)'"';
    }

    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c == '"' || c == '\\' || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    // Worst case: every UTF-16 unit escaped as \uXXXX (6 bytes), plus the quotes.
    private static int JsonStringBound(string value) => (value.Length * 6) + 2;
}
