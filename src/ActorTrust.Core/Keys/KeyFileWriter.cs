using System.Buffers;
using System.Text.Json;
using ActorTrust.Core.Crypto;

namespace ActorTrust.Core.Keys;

/// <summary>Writes a <see cref="KeyFile"/> as indented UTF-8 JSON, wiping every intermediate copy of the seed.</summary>
internal static class KeyFileWriter
{
    internal static byte[] Write(KeyFile keyFile)
    {
        // Large enough that the buffer never regrows (a regrow would leave a stale copy of the seed behind).
        var buffer = new ArrayBufferWriter<byte>(2048 + (keyFile.Label?.Length * 6 ?? 0));
        Span<byte> seed = stackalloc byte[Ed25519KeyPair.SeedLength];
        Span<char> seedHex = stackalloc char[Ed25519KeyPair.SeedLength * 2];
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteString("kind", KeyFile.Kind);
                writer.WriteNumber("version", KeyFile.CurrentVersion);
                writer.WriteString("key_id", keyFile.KeyId.ToString());
                writer.WriteString("public_key", keyFile.PublicKey.ToString());
                keyFile.KeyPair.CopySeedTo(seed);
                _ = Convert.TryToHexStringLower(seed, seedHex, out _);
                writer.WriteString("seed", seedHex);
                writer.WriteString("created_at", keyFile.CreatedAt.UtcDateTime);
                if (keyFile.Label is not null)
                {
                    writer.WriteString("label", keyFile.Label);
                }

                writer.WriteEndObject();
            }

            buffer.Write("\n"u8);
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            LibSodium.MemZero(seed);
            LibSodium.MemZero(System.Runtime.InteropServices.MemoryMarshal.AsBytes(seedHex));
            buffer.Clear();
        }
    }
}
