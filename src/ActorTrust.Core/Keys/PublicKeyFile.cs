using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Keys;

/// <summary>
/// The shareable form of a public key: <c>{"kind":"actortrust.ed25519-public-key","version":1,"key_id":…,
/// "public_key":…,"label":…}</c> (public key in lowercase hex). Operators hand these out so others can
/// verify their signatures; it carries nothing secret.
/// </summary>
/// <param name="PublicKey">The public key.</param>
/// <param name="Label">An optional human label.</param>
public sealed record PublicKeyFile(Ed25519PublicKey PublicKey, string? Label)
{
    /// <summary>The value of the <c>kind</c> property.</summary>
    public const string Kind = "actortrust.ed25519-public-key";

    /// <summary>Writes the document as canonical JSON.</summary>
    public byte[] ToUtf8Json()
    {
        var document = new JsonObject
        {
            ["kind"] = Kind,
            ["version"] = 1,
            ["key_id"] = PublicKey.KeyId.ToString(),
            ["public_key"] = PublicKey.ToString(),
        };
        if (Label is not null)
        {
            document["label"] = Label;
        }

        return CanonicalJson.Serialize(document);
    }

    /// <summary>Parses the document strictly (known kind and version, no unknown members, id matching the key).</summary>
    /// <exception cref="FormatException">The document is malformed; the message says how.</exception>
    public static PublicKeyFile Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (CanonicalJson.Parse(utf8Json, new CanonicalJsonReaderOptions { MaxDepth = 2, MaxBytes = KeyFile.MaxSize }) is not JsonObject obj)
        {
            throw new FormatException("public key file must be a JSON object");
        }

        foreach (var (name, _) in obj)
        {
            if (name is not ("kind" or "version" or "key_id" or "public_key" or "label"))
            {
                throw new FormatException($"public key file has unknown property '{name}'");
            }
        }

        if (Text(obj, "kind") != Kind)
        {
            throw new FormatException($"public key file kind must be '{Kind}'");
        }

        if (obj["version"] is not JsonValue version || version.GetValueKind() != JsonValueKind.Number || version.GetValue<double>() != 1)
        {
            throw new FormatException("public key file version must be 1");
        }

        var hex = Text(obj, "public_key");
        if (hex.Length != Ed25519PublicKey.Length * 2 || !hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new FormatException("public_key must be 64 lowercase hex characters");
        }

        var key = Ed25519PublicKey.Create(Convert.FromHexString(hex));
        if (Digest.Parse(Text(obj, "key_id")) != key.KeyId)
        {
            throw new FormatException("public key file key_id does not match its public key");
        }

        return new PublicKeyFile(key, obj.ContainsKey("label") ? Text(obj, "label") : null);
    }

    private static string Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new FormatException($"public key file property '{name}' must be a string");
}
