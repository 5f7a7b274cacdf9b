using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Keys;

/// <summary>
/// The on-disk form of an Ed25519 signing key: a small JSON document
/// (<c>{"kind":"actortrust.ed25519-key","version":1,"key_id":…,"public_key":…,"seed":…,"created_at":…,"label":…}</c>)
/// with the public key and the 32-byte seed in lowercase hex. This type is the format only (bytes in, bytes
/// out); <c>ActorTrust.Runtime.Keys.KeyFileIo</c> does the file handling (Core has no I/O). A key file owns its own <see cref="Ed25519KeyPair"/>
/// and wipes it on <see cref="Dispose"/>. The seed never appears in <see cref="ToString"/> or in error messages.
/// </summary>
public sealed class KeyFile : IDisposable
{
    /// <summary>The value of the <c>kind</c> property.</summary>
    public const string Kind = "actortrust.ed25519-key";

    /// <summary>The only format version this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Largest key file accepted, in bytes (64 KiB).</summary>
    public const int MaxSize = 64 * 1024;

    internal KeyFile(Ed25519KeyPair keyPair, DateTimeOffset createdAt, string? label)
    {
        KeyPair = keyPair;
        CreatedAt = createdAt;
        Label = label;
    }

    /// <summary>The signing key this file holds; owned by the key file.</summary>
    public Ed25519KeyPair KeyPair { get; }

    /// <summary>The public half of <see cref="KeyPair"/>.</summary>
    public Ed25519PublicKey PublicKey => KeyPair.PublicKey;

    /// <summary>The key id, <c>sha256:</c> of the raw public key.</summary>
    public Digest KeyId => KeyPair.PublicKey.KeyId;

    /// <summary>When the key was created (supplied by the caller's clock).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>An optional human label, e.g. the node or agent the key belongs to.</summary>
    public string? Label { get; }

    /// <summary>
    /// Describes <paramref name="keyPair"/> as a key file. The key file takes its own copy of the key, so
    /// the caller still owns (and disposes) <paramref name="keyPair"/>.
    /// </summary>
    public static KeyFile Create(Ed25519KeyPair keyPair, DateTimeOffset createdAt, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(keyPair);
        Span<byte> seed = stackalloc byte[Ed25519KeyPair.SeedLength];
        try
        {
            keyPair.CopySeedTo(seed);
            return new KeyFile(Ed25519KeyPair.FromSeed(seed), createdAt, label);
        }
        finally
        {
            LibSodium.MemZero(seed);
        }
    }

    /// <summary>Parses a key file, throwing <see cref="FormatException"/> that says what is wrong.</summary>
    public static KeyFile Parse(ReadOnlySpan<byte> utf8Json) =>
        TryParse(utf8Json, out var keyFile, out var error) ? keyFile : throw new FormatException(error);

    /// <summary>
    /// Parses a key file strictly: the kind and version must be known, no property may be missing, repeated or
    /// unknown, the seed must be 32 bytes, and the public key and key id must match the seed.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8Json,
        [NotNullWhen(true)] out KeyFile? keyFile,
        [NotNullWhen(false)] out string? error)
    {
        error = KeyFileReader.TryRead(utf8Json, out keyFile);
        return keyFile is not null;
    }

    /// <summary>The UTF-8 JSON document. The returned array holds the seed: wipe it when done.</summary>
    public byte[] ToUtf8Json() => KeyFileWriter.Write(this);

    /// <summary>Wipes the key material.</summary>
    public void Dispose() => KeyPair.Dispose();

    /// <summary>Names the key by id, label and creation time; never shows the seed.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"KeyFile({KeyId}, label: {Label ?? "none"}, created_at: {CreatedAt:O})");
}
