using System.Text.Json.Serialization;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Audit;

/// <summary>
/// A node's signed statement of where every event stream of its journal stood (ARCHITECTURE §5, audit
/// anchoring): the head of each stream, sorted by persistence id, and the RFC 6962 Merkle root over them.
/// Once signed, a later rewrite, truncation or equivocation of any stream contradicts the checkpoint.
/// </summary>
/// <param name="Node">The node that took and signed it (<c>host:port:incarnation</c>).</param>
/// <param name="CreatedAt">When it was taken (UTC, millisecond precision).</param>
/// <param name="GlobalPosition">The global feed position the heads describe: every event at or below it is covered.</param>
/// <param name="StreamCount">The number of heads.</param>
/// <param name="HeadsRoot">The Merkle Tree Hash over <see cref="StreamHead.ToLeaf"/> of each head, in order.</param>
/// <param name="Heads">One head per stream, sorted by persistence id (ordinal), no repeats.</param>
public sealed record JournalCheckpoint(
    string Node,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset CreatedAt,
    long GlobalPosition,
    int StreamCount,
    Digest HeadsRoot,
    IReadOnlyList<StreamHead> Heads)
{
    /// <summary>
    /// The largest checkpoint payload read (64 MiB, about half a million heads); larger than the general JSON
    /// limit because a checkpoint lists every stream.
    /// </summary>
    public const int MaxPayloadBytes = 64 * 1024 * 1024;

    /// <summary>The reader limits for a checkpoint payload.</summary>
    public static CanonicalJsonReaderOptions ReaderLimits { get; } = new() { MaxBytes = MaxPayloadBytes };

    /// <summary>Builds a checkpoint: sorts the heads, counts them, computes the root, truncates the time to milliseconds.</summary>
    /// <exception cref="ArgumentException">A head is malformed or a persistence id repeats.</exception>
    public static JournalCheckpoint Create(string node, DateTimeOffset createdAt, long globalPosition, IEnumerable<StreamHead> heads)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(heads);
        var sorted = heads.OrderBy(h => h.PersistenceId, StringComparer.Ordinal).ToArray();
        var checkpoint = new JournalCheckpoint(node, UtcMillisecondsJsonConverter.Truncate(createdAt), globalPosition,
            sorted.Length, ComputeRoot(sorted), sorted);
        return checkpoint.Validate() is { } problem ? throw new ArgumentException(problem.Reason, nameof(heads)) : checkpoint;
    }

    /// <summary>The Merkle root over <paramref name="heads"/> in the order given.</summary>
    public static Digest ComputeRoot(IReadOnlyList<StreamHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        var leaves = new Digest[heads.Count];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = MerkleTree.LeafHash(heads[i].ToLeaf());
        }

        return MerkleTree.RootOfLeafHashes(leaves);
    }

    /// <summary>The canonical (RFC 8785) bytes: the payload that gets signed.</summary>
    public byte[] ToCanonicalBytes() => ActorTrustJson.ToCanonicalBytes(this);

    /// <summary>
    /// Reads a checkpoint strictly: canonical JSON only, no unknown or missing members, heads sorted without
    /// repeats, the count and the root matching the heads.
    /// </summary>
    /// <exception cref="JournalCheckpointFormatException">The bytes are not a valid checkpoint; the code says which rule failed.</exception>
    public static JournalCheckpoint Parse(ReadOnlySpan<byte> utf8)
    {
        if (!CanonicalJson.IsCanonical(utf8, ReaderLimits))
        {
            throw new JournalCheckpointFormatException(JournalCheckpointRejection.Malformed,
                "a journal checkpoint must be canonical JSON (RFC 8785)");
        }

        JournalCheckpoint checkpoint;
        try
        {
            checkpoint = ActorTrustJson.Read<JournalCheckpoint>(utf8, ReaderLimits);
        }
        catch (FormatException ex)
        {
            throw new JournalCheckpointFormatException(JournalCheckpointRejection.Malformed, ex.Message, ex);
        }

        return checkpoint.Validate() is { } problem
            ? throw new JournalCheckpointFormatException(problem.Rejection, problem.Reason)
            : checkpoint;
    }

    private (JournalCheckpointRejection Rejection, string Reason)? Validate()
    {
        if (string.IsNullOrEmpty(Node) || GlobalPosition < 0 || Heads is null)
        {
            return (JournalCheckpointRejection.Malformed, "node must be non-empty and global_position not negative");
        }

        for (var i = 0; i < Heads.Count; i++)
        {
            var head = Heads[i];
            if (head is null || string.IsNullOrEmpty(head.PersistenceId) || head.SeqNr < 1)
            {
                return (JournalCheckpointRejection.Malformed, $"heads[{i}] needs a persistence_id and a seq_nr of at least 1");
            }

            if (i > 0 && string.CompareOrdinal(Heads[i - 1].PersistenceId, head.PersistenceId) >= 0)
            {
                return (JournalCheckpointRejection.HeadsNotSorted,
                    $"heads[{i}] '{head.PersistenceId}' does not follow '{Heads[i - 1].PersistenceId}' in ordinal order (or repeats it)");
            }
        }

        if (StreamCount != Heads.Count)
        {
            return (JournalCheckpointRejection.StreamCountMismatch, $"stream_count is {StreamCount} but there are {Heads.Count} heads");
        }

        var root = ComputeRoot(Heads);
        return root == HeadsRoot
            ? null
            : (JournalCheckpointRejection.RootMismatch, $"heads_root {HeadsRoot} does not match the heads (computed {root})");
    }

    /// <summary>Value equality that compares the heads element by element.</summary>
    public bool Equals(JournalCheckpoint? other) =>
        other is not null
        && string.Equals(Node, other.Node, StringComparison.Ordinal)
        && CreatedAt == other.CreatedAt
        && GlobalPosition == other.GlobalPosition
        && StreamCount == other.StreamCount
        && HeadsRoot == other.HeadsRoot
        && Heads.SequenceEqual(other.Heads);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Node, GlobalPosition, HeadsRoot);
}
