using System.Text.Json;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Keys;

/// <summary>
/// Strict reader for the key-file JSON. Walks the document with <see cref="Utf8JsonReader"/> so the seed is
/// decoded from the input bytes into a stack buffer and never materialises as a string. The kind and
/// version are judged before anything else, wherever they appear in the document.
/// </summary>
internal static class KeyFileReader
{
    private static readonly string[] Required = ["kind", "version", "key_id", "public_key", "seed", "created_at"];

    /// <summary>Returns null and the parsed file, or the reason the document is refused.</summary>
    internal static string? TryRead(ReadOnlySpan<byte> json, out KeyFile? keyFile)
    {
        keyFile = null;
        if (json.Length > KeyFile.MaxSize)
        {
            return $"key file is {json.Length} bytes; the limit is {KeyFile.MaxSize}";
        }

        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return "key file is not valid UTF-8";
        }

        Span<byte> seed = stackalloc byte[Ed25519KeyPair.SeedLength];
        try
        {
            var fields = new Fields();
            return ReadFields(json, seed, fields) ?? Build(fields, seed, out keyFile);
        }
        catch (JsonException ex)
        {
            return $"key file is not valid JSON: {ex.Message}";
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString refuses an escaped lone surrogate this way; the text is not quoted back.
            return "key file holds a string that is not valid Unicode (a lone surrogate escape)";
        }
        finally
        {
            LibSodium.MemZero(seed);
        }
    }

    private static string? ReadFields(ReadOnlySpan<byte> json, Span<byte> seed, Fields fields)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "key file must be a JSON object";
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!fields.Seen.Add(name))
            {
                return $"key file has property '{name}' more than once";
            }

            reader.Read();
            fields.FirstError ??= ReadField(ref reader, name, seed, fields);
        }

        // Reading on past the closing brace surfaces trailing content as a JsonException.
        while (reader.Read())
        {
        }

        return null;
    }

    private static string? ReadField(ref Utf8JsonReader reader, string name, Span<byte> seed, Fields fields)
    {
        switch (name)
        {
            case "version":
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var version))
                {
                    fields.Version = version;
                    return null;
                }

                reader.Skip();
                return "key file version must be an integer";
            case "label" when reader.TokenType == JsonTokenType.Null:
                return null;
            case "kind" or "key_id" or "public_key" or "seed" or "created_at" or "label" when reader.TokenType != JsonTokenType.String:
                reader.Skip();
                return $"key file property '{name}' must be a string";
            case "kind":
                fields.Kind = reader.GetString();
                return null;
            case "key_id":
                fields.KeyId = reader.GetString();
                return null;
            case "label":
                fields.Label = reader.GetString();
                return null;
            case "created_at":
                return reader.TryGetDateTimeOffset(out fields.CreatedAt) ? null : "key file created_at must be an ISO 8601 timestamp";
            case "public_key":
                return reader.ValueIsEscaped
                    ? "key file public_key must be lowercase hex"
                    : LowerHex.TryDecode(reader.ValueSpan, fields.PublicKey, "key file public_key");
            case "seed":
                return reader.ValueIsEscaped
                    ? "key file seed must be lowercase hex"
                    : LowerHex.TryDecode(reader.ValueSpan, seed, "key file seed");
            default:
                reader.Skip();
                return $"key file has unknown property '{name}'";
        }
    }

    private static string? Build(Fields fields, ReadOnlySpan<byte> seed, out KeyFile? keyFile)
    {
        keyFile = null;
        if (fields.Kind is not null && !string.Equals(fields.Kind, KeyFile.Kind, StringComparison.Ordinal))
        {
            return $"unknown key file kind '{fields.Kind}'; expected '{KeyFile.Kind}'";
        }

        if (fields.Version is { } version && version != KeyFile.CurrentVersion)
        {
            return $"unsupported key file version {version}; this build reads version {KeyFile.CurrentVersion}";
        }

        var missing = Array.Find(Required, name => !fields.Seen.Contains(name));
        var error = fields.FirstError ?? (missing is null ? null : $"key file is missing '{missing}'");
        if (error is not null)
        {
            return error;
        }

        if (!Digest.TryParse(fields.KeyId, out var keyId, out var keyIdError))
        {
            return $"key file key_id is malformed: {keyIdError}";
        }

        var keyPair = Ed25519KeyPair.FromSeed(seed);
        var mismatch = !keyPair.PublicKey.Bytes.SequenceEqual(fields.PublicKey)
            ? "key file public key does not match its seed"
            : keyId != keyPair.PublicKey.KeyId ? "key file key_id does not match its public key" : null;
        if (mismatch is not null)
        {
            keyPair.Dispose();
            return mismatch;
        }

        keyFile = new KeyFile(keyPair, fields.CreatedAt, fields.Label);
        return null;
    }

    private sealed class Fields
    {
        public readonly HashSet<string> Seen = new(StringComparer.Ordinal);
        public readonly byte[] PublicKey = new byte[Ed25519PublicKey.Length];
        public string? Kind;
        public int? Version;
        public string? KeyId;
        public DateTimeOffset CreatedAt;
        public string? Label;
        public string? FirstError;
    }
}
