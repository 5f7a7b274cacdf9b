using ActorTrust.Core.Audit;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Audit;

/// <summary>
/// What verified checkpoints say about the streams: for each stream, the hash it had at each checkpointed
/// sequence number, and the longest it was ever seen to be. Two checkpoints that disagree about the same
/// event are an equivocation and are reported at once.
/// </summary>
internal sealed class CheckpointClaims
{
    private readonly Dictionary<string, StreamClaims> _byStream = new(StringComparer.Ordinal);

    /// <summary>The highest global position any verified checkpoint covers (0 when none).</summary>
    public long HighestGlobalPosition { get; private set; }

    /// <summary>The verified checkpoint with the highest global position.</summary>
    public JournalCheckpoint? Latest { get; private set; }

    /// <summary>Every stream some checkpoint names.</summary>
    public IEnumerable<string> PersistenceIds => _byStream.Keys;

    public StreamClaims? For(string persistenceId) => _byStream.GetValueOrDefault(persistenceId);

    /// <summary>Adds a verified checkpoint; returns the equivocations it reveals against earlier ones.</summary>
    public IEnumerable<ChainViolation> Add(JournalCheckpoint checkpoint, string source)
    {
        if (Latest is null || checkpoint.GlobalPosition >= HighestGlobalPosition)
        {
            Latest = checkpoint;
            HighestGlobalPosition = checkpoint.GlobalPosition;
        }

        var conflicts = new List<ChainViolation>();
        foreach (var head in checkpoint.Heads)
        {
            if (!_byStream.TryGetValue(head.PersistenceId, out var claims))
            {
                _byStream[head.PersistenceId] = claims = new StreamClaims();
            }

            if (claims.Add(head.SeqNr, head.Hash, source) is { } earlier)
            {
                conflicts.Add(new ChainViolation(head.PersistenceId, head.SeqNr, ChainViolationKind.CheckpointMismatch,
                    $"{source} says the hash at seq {head.SeqNr} is {head.Hash}, but {earlier.Source} says {earlier.Hash} (equivocation)"));
            }
        }

        return conflicts;
    }
}

/// <summary>One stream's checkpointed heads: sequence number → hash and which checkpoint said so.</summary>
internal sealed class StreamClaims
{
    private readonly Dictionary<long, Claim> _bySeqNr = [];

    /// <summary>The longest the stream was seen to be by any checkpoint.</summary>
    public long HighestSeqNr { get; private set; }

    public bool TryGet(long seqNr, out Claim claim) => _bySeqNr.TryGetValue(seqNr, out claim);

    /// <summary>Records a claim; returns an earlier, different claim for the same sequence number, if any.</summary>
    public Claim? Add(long seqNr, Digest hash, string source)
    {
        HighestSeqNr = Math.Max(HighestSeqNr, seqNr);
        if (_bySeqNr.TryGetValue(seqNr, out var earlier))
        {
            return earlier.Hash == hash ? null : earlier;
        }

        _bySeqNr[seqNr] = new Claim(hash, source);
        return null;
    }
}

/// <summary>A checkpoint's statement that a stream's event had <see cref="Hash"/>; <see cref="Source"/> names the checkpoint.</summary>
internal readonly record struct Claim(Digest Hash, string Source);
