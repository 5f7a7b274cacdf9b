using System.Security.Cryptography;

namespace ActorTrust.Core.Hashing;

/// <summary>
/// The RFC 6962 §2.1 Merkle Tree Hash (MTH) with SHA-256, so a tree head can be checked by any
/// Certificate Transparency tooling:
/// <list type="bullet">
/// <item>the empty tree hashes to <c>SHA-256("")</c>;</item>
/// <item>a leaf hashes to <c>SHA-256(0x00 ‖ leaf)</c>;</item>
/// <item>a tree of n &gt; 1 leaves hashes to <c>SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))</c>, where k is the
/// largest power of two smaller than n (not the midpoint).</item>
/// </list>
/// </summary>
public static class MerkleTree
{
    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>The root of the empty tree: <c>SHA-256("")</c>.</summary>
    public static Digest EmptyRoot { get; } = Digest.Sha256([]);

    /// <summary>The hash of one leaf: <c>SHA-256(0x00 ‖ leaf)</c>.</summary>
    public static Digest LeafHash(ReadOnlySpan<byte> leaf)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([LeafPrefix]);
        hash.AppendData(leaf);
        return Digest.FromBytes(hash.GetHashAndReset());
    }

    /// <summary>The hash of an interior node: <c>SHA-256(0x01 ‖ left ‖ right)</c>.</summary>
    public static Digest NodeHash(Digest left, Digest right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * Digest.ByteLength)];
        input[0] = NodePrefix;
        left.Bytes.CopyTo(input[1..]);
        right.Bytes.CopyTo(input[(1 + Digest.ByteLength)..]);
        return Digest.Sha256(input);
    }

    /// <summary>The Merkle Tree Hash of <paramref name="leaves"/>, in the order given.</summary>
    public static Digest Root(IReadOnlyList<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var hashes = new Digest[leaves.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = LeafHash(leaves[i] ?? throw new ArgumentException($"leaf {i} is null", nameof(leaves)));
        }

        return RootOfLeafHashes(hashes);
    }

    /// <summary>The Merkle Tree Hash of a tree whose leaf hashes (<see cref="LeafHash"/>) are already known.</summary>
    public static Digest RootOfLeafHashes(IReadOnlyList<Digest> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        return leafHashes.Count == 0 ? EmptyRoot : Subtree(leafHashes, 0, leafHashes.Count);
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (for n ≥ 2): where RFC 6962 splits.</summary>
    public static int SplitPoint(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        return 1 << (31 - int.LeadingZeroCount(n - 1));
    }

    // The depth of the recursion is log2(n), so it cannot overflow the stack.
    private static Digest Subtree(IReadOnlyList<Digest> leafHashes, int start, int count)
    {
        if (count == 1)
        {
            return leafHashes[start];
        }

        var k = SplitPoint(count);
        return NodeHash(Subtree(leafHashes, start, k), Subtree(leafHashes, start + k, count - k));
    }
}
