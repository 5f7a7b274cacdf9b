using System.Text.Json.Nodes;
using ActorTrust.Core.Audit;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Audit;

/// <summary>
/// One line of an audit export: a journal record as canonical JSON with every field —
/// <c>command_id, event_type, global_position, hash, payload, persistence_id, prev_hash, seq_nr, timestamp,
/// writer_node, writer_token</c>. The payload is embedded as JSON when its stored bytes are canonical JSON (as
/// every writer stores them); otherwise the exact bytes go in <c>payload_base64</c> instead, so an export always
/// verifies exactly as the journal does.
/// </summary>
public static class ExportLine
{
    private static readonly string[] Members =
        ["command_id", "event_type", "global_position", "hash", "persistence_id", "prev_hash", "seq_nr", "timestamp", "writer_node", "writer_token"];

    // A line may hold a stored checkpoint, which lists every stream.
    private static readonly CanonicalJsonReaderOptions Limits = new() { MaxBytes = 2 * JournalCheckpoint.MaxPayloadBytes };

    /// <summary>The members an excerpt may add to a line (<see cref="FederationExcerpt"/>); they are checked against the events, never trusted.</summary>
    public static IReadOnlyList<string> AnnotationMembers { get; } = [FederationExcerpt.PeerIdMember, FederationExcerpt.RemoteSubjectMember];

    /// <summary>The canonical JSON of <paramref name="record"/> (no trailing newline).</summary>
    public static byte[] Write(JournalRecord record) => Write(record, null);

    /// <summary>The canonical JSON of <paramref name="record"/> with <paramref name="annotations"/> (members of <see cref="AnnotationMembers"/>; null values left out).</summary>
    public static byte[] Write(JournalRecord record, IReadOnlyDictionary<string, string?>? annotations)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = new JsonObject
        {
            ["command_id"] = record.CommandId,
            ["event_type"] = record.EventType,
            ["global_position"] = record.GlobalPosition,
            ["hash"] = record.Hash.ToString(),
            ["persistence_id"] = record.PersistenceId,
            ["prev_hash"] = record.PrevHash.ToString(),
            ["seq_nr"] = record.SeqNr,
            ["timestamp"] = HashChain.FormatTimestamp(record.Timestamp),
            ["writer_node"] = record.WriterNode,
            ["writer_token"] = record.WriterToken,
        };
        foreach (var (name, value) in annotations ?? new Dictionary<string, string?>())
        {
            if (!AnnotationMembers.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException($"'{name}' is not an annotation member", nameof(annotations));
            }

            if (value is not null)
            {
                line[name] = value;
            }
        }

        if (CanonicalPayload(record.Payload) is { } payload)
        {
            line["payload"] = payload;
        }
        else
        {
            line["payload_base64"] = Convert.ToBase64String(record.Payload);
        }

        return CanonicalJson.Serialize(line);
    }

    /// <summary>Reads one line back into the record it was written from.</summary>
    /// <exception cref="FormatException">The line is not a valid export line; the message says which member is wrong.</exception>
    public static JournalRecord Read(ReadOnlySpan<byte> utf8) => Read(utf8, out _);

    /// <summary>Reads one line back into the record it was written from, with its annotation members (empty when none).</summary>
    /// <exception cref="FormatException">The line is not a valid export line; the message says which member is wrong.</exception>
    public static JournalRecord Read(ReadOnlySpan<byte> utf8, out IReadOnlyDictionary<string, string> annotations)
    {
        JsonNode? node;
        try
        {
            node = CanonicalJson.Parse(utf8, Limits);
        }
        catch (CanonicalJsonException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        if (node is not JsonObject line)
        {
            throw new FormatException("an export line must be a JSON object");
        }

        foreach (var (name, _) in line)
        {
            if (!Members.Contains(name, StringComparer.Ordinal) && !AnnotationMembers.Contains(name, StringComparer.Ordinal) && name is not ("payload" or "payload_base64"))
            {
                throw new FormatException($"unknown member '{name}'");
            }
        }

        annotations = AnnotationMembers.Where(line.ContainsKey).ToDictionary(name => name, name => Text(line, name), StringComparer.Ordinal);

        return new JournalRecord(
            Integer(line, "global_position"), Text(line, "persistence_id"), Integer(line, "seq_nr"), Text(line, "event_type"),
            Payload(line), Timestamp(line), Text(line, "writer_node"), Integer(line, "writer_token"), Text(line, "command_id"),
            Hash(line, "prev_hash"), Hash(line, "hash"));
    }

    private static JsonNode? CanonicalPayload(byte[] payload)
    {
        try
        {
            var node = CanonicalJson.Parse(payload, Limits);
            return CanonicalJson.Serialize(node).AsSpan().SequenceEqual(payload) ? node : null;
        }
        catch (CanonicalJsonException)
        {
            return null;
        }
    }

    private static byte[] Payload(JsonObject line) =>
        (line.ContainsKey("payload"), line.ContainsKey("payload_base64")) switch
        {
            (true, false) => CanonicalJson.Serialize(line["payload"]),
            (false, true) => Base64(Text(line, "payload_base64")),
            _ => throw new FormatException("exactly one of 'payload' and 'payload_base64' is required"),
        };

    private static byte[] Base64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"'payload_base64' is not base64: {ex.Message}", ex);
        }
    }

    private static string Text(JsonObject line, string name) =>
        line[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Missing(name, "a string");

    private static long Integer(JsonObject line, string name) =>
        line[name] is JsonValue value && value.TryGetValue<double>(out var number) && number == Math.Floor(number)
            ? (long)number
            : throw Missing(name, "an integer");

    private static Digest Hash(JsonObject line, string name) =>
        Digest.TryParse(Text(line, name), out var digest, out var error) ? digest : throw new FormatException($"'{name}': {error}");

    private static DateTimeOffset Timestamp(JsonObject line) =>
        UtcMillisecondsJsonConverter.TryParse(Text(line, "timestamp"), out var value)
            ? value
            : throw Missing("timestamp", "a UTC timestamp yyyy-MM-ddTHH:mm:ss.fffZ");

    private static FormatException Missing(string name, string what) => new($"'{name}' must be {what}");
}
