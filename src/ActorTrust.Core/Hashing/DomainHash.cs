using System.Security.Cryptography;
using System.Text;

namespace ActorTrust.Core.Hashing;

/// <summary>
/// Domain-separated SHA-256: every pre-image starts with the tag <c>actortrust/&lt;purpose&gt;/v1\n</c>, so a
/// digest computed for one purpose can never be replayed as a digest for another.
/// </summary>
public static class DomainHash
{
    /// <summary>The tag bytes for <paramref name="purpose"/>: <c>actortrust/&lt;purpose&gt;/v1\n</c>.</summary>
    /// <exception cref="ArgumentException">The purpose is empty or holds characters other than [a-z0-9.-].</exception>
    public static byte[] Tag(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        foreach (var c in purpose)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.'))
            {
                throw new ArgumentException($"hash purpose '{purpose}' may only hold [a-z0-9.-]", nameof(purpose));
            }
        }

        return Encoding.ASCII.GetBytes($"actortrust/{purpose}/v1\n");
    }

    /// <summary>SHA-256 over the purpose tag followed by each part in order.</summary>
    public static Digest Compute(string purpose, params ReadOnlySpan<byte[]> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Tag(purpose));
        foreach (var part in parts)
        {
            hash.AppendData(part);
        }

        return Digest.FromBytes(hash.GetHashAndReset());
    }

    /// <summary>SHA-256 over the purpose tag followed by <paramref name="data"/>.</summary>
    public static Digest Compute(string purpose, ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Tag(purpose));
        hash.AppendData(data);
        return Digest.FromBytes(hash.GetHashAndReset());
    }
}
