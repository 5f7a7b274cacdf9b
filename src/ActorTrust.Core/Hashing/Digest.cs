using System.Security.Cryptography;

namespace ActorTrust.Core.Hashing;

/// <summary>
/// A SHA-256 digest written as <c>sha256:&lt;64 lowercase hex&gt;</c>. The textual form is the only
/// accepted form: other letter case, other lengths and other algorithm labels are refused.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(DigestJsonConverter))]
public readonly struct Digest : IEquatable<Digest>, IComparable<Digest>
{
    /// <summary>The algorithm label that prefixes every digest.</summary>
    public const string Prefix = "sha256:";

    /// <summary>Length in bytes of a SHA-256 digest.</summary>
    public const int ByteLength = 32;

    /// <summary>Length in characters of the textual form.</summary>
    public const int TextLength = 7 + (ByteLength * 2);

    private readonly byte[]? _bytes;

    private Digest(byte[] bytes) => _bytes = bytes;

    /// <summary>The all-zero digest: the value of <c>default(Digest)</c>, used as a defined "no parent".</summary>
    public static Digest Zero { get; } = new(new byte[ByteLength]);

    /// <summary>The 32 raw digest bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? Zero._bytes!;

    /// <summary>Wraps 32 raw bytes (copied).</summary>
    /// <exception cref="ArgumentException">The span is not exactly 32 bytes.</exception>
    public static Digest FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength)
        {
            throw new ArgumentException($"a SHA-256 digest is {ByteLength} bytes, got {bytes.Length}", nameof(bytes));
        }

        return new Digest(bytes.ToArray());
    }

    /// <summary>Hashes <paramref name="data"/> with plain SHA-256 (no domain separation).</summary>
    public static Digest Sha256(ReadOnlySpan<byte> data)
    {
        var bytes = new byte[ByteLength];
        SHA256.HashData(data, bytes);
        return new Digest(bytes);
    }

    /// <summary>Parses the textual form, throwing <see cref="FormatException"/> with the reason on failure.</summary>
    public static Digest Parse(string text)
    {
        if (TryParse(text, out var digest, out var error))
        {
            return digest;
        }

        throw new FormatException(error);
    }

    /// <summary>Parses the textual form; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out Digest digest, out string? error)
    {
        digest = default;
        error = Validate(text);
        if (error is not null)
        {
            return false;
        }

        digest = new Digest(Convert.FromHexString(text.AsSpan(Prefix.Length)));
        return true;
    }

    private static string? Validate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "digest is empty; expected sha256:<64 lowercase hex>";
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return "digest has no algorithm label; expected sha256:<64 lowercase hex>";
        }

        var label = text[..colon];
        if (!string.Equals(label, "sha256", StringComparison.Ordinal))
        {
            return string.Equals(label, "sha256", StringComparison.OrdinalIgnoreCase)
                ? $"digest label '{label}' must be lowercase 'sha256'"
                : $"unsupported digest algorithm '{label}'; only sha256 is accepted";
        }

        var hex = text.AsSpan(colon + 1);
        if (hex.Length != ByteLength * 2)
        {
            return $"sha256 digest must have 64 hex characters, got {hex.Length}";
        }

        for (var i = 0; i < hex.Length; i++)
        {
            var c = hex[i];
            if (c is (>= '0' and <= '9') or (>= 'a' and <= 'f'))
            {
                continue;
            }

            return c is >= 'A' and <= 'F'
                ? $"sha256 digest must be lowercase hex; found '{c}' at position {Prefix.Length + i}"
                : $"invalid hex character '{c}' at position {Prefix.Length + i}";
        }

        return null;
    }

    /// <summary>Constant-time comparison of two digests.</summary>
    public bool FixedTimeEquals(Digest other) => CryptographicOperations.FixedTimeEquals(Bytes, other.Bytes);

    /// <inheritdoc />
    public bool Equals(Digest other) => Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Digest other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(Bytes[..4]);

    /// <inheritdoc />
    public int CompareTo(Digest other) => Bytes.SequenceCompareTo(other.Bytes);

    /// <summary>The textual form, <c>sha256:&lt;64 lowercase hex&gt;</c>.</summary>
    public override string ToString() => Prefix + Convert.ToHexStringLower(Bytes);

    /// <summary>Equality.</summary>
    public static bool operator ==(Digest left, Digest right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Digest left, Digest right) => !left.Equals(right);

    /// <summary>Ordering by raw bytes.</summary>
    public static bool operator <(Digest left, Digest right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by raw bytes.</summary>
    public static bool operator >(Digest left, Digest right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by raw bytes.</summary>
    public static bool operator <=(Digest left, Digest right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by raw bytes.</summary>
    public static bool operator >=(Digest left, Digest right) => left.CompareTo(right) >= 0;
}
