using ActorTrust.Core.Hashing;

namespace ActorTrust.Runtime.Journal;

/// <summary>
/// Walks one stream's records in order and checks contiguity, links, hashes and writer tokens. Feed it records
/// one by one (<see cref="Check"/>); the first violation is returned and the verifier should then be dropped.
/// </summary>
public sealed class ChainVerifier
{
    private readonly string _persistenceId;
    private long _lastSeqNr;
    private Digest _lastHash;
    private long _lastToken;

    /// <summary>Starts at the stream's beginning.</summary>
    public ChainVerifier(string persistenceId)
        : this(persistenceId, 0, HashChain.Genesis(persistenceId), long.MinValue)
    {
    }

    /// <summary>Starts after a known point (a snapshot): its sequence number, hash and writer token.</summary>
    public ChainVerifier(string persistenceId, long afterSeqNr, Digest afterHash, long afterToken)
    {
        _persistenceId = persistenceId;
        _lastSeqNr = afterSeqNr;
        _lastHash = afterHash;
        _lastToken = afterToken;
    }

    /// <summary>Events verified so far (the last good sequence number).</summary>
    public long LastSeqNr => _lastSeqNr;

    /// <summary>The hash of the last verified event.</summary>
    public Digest LastHash => _lastHash;

    /// <summary>The writer token of the last verified event.</summary>
    public long LastWriterToken => _lastToken;

    /// <summary>Checks the next record; returns the violation or null.</summary>
    public ChainViolation? Check(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.SeqNr != _lastSeqNr + 1)
        {
            return Violation(record.SeqNr, ChainViolationKind.SequenceGap, $"expected seq {_lastSeqNr + 1}, found {record.SeqNr}");
        }

        if (record.PrevHash != _lastHash)
        {
            return Violation(record.SeqNr, ChainViolationKind.BrokenLink,
                $"prev_hash {record.PrevHash} does not match the previous event's hash {_lastHash}");
        }

        var expected = HashChain.Recompute(record);
        if (expected != record.Hash)
        {
            return Violation(record.SeqNr, ChainViolationKind.HashMismatch,
                $"stored hash {record.Hash} does not match the content (recomputed {expected})");
        }

        if (record.WriterToken < _lastToken)
        {
            return Violation(record.SeqNr, ChainViolationKind.WriterTokenDecreased,
                $"writer token {record.WriterToken} is below the previous event's {_lastToken}");
        }

        _lastSeqNr = record.SeqNr;
        _lastHash = record.Hash;
        _lastToken = record.WriterToken;
        return null;
    }

    /// <summary>Checks that the stream ended where it should (no truncated tail).</summary>
    public ChainViolation? CheckEnd(long expectedLastSeqNr) =>
        _lastSeqNr < expectedLastSeqNr
            ? Violation(_lastSeqNr + 1, ChainViolationKind.Truncated, $"stream ends at seq {_lastSeqNr}; expected at least {expectedLastSeqNr}")
            : null;

    private ChainViolation Violation(long seqNr, ChainViolationKind kind, string message) => new(_persistenceId, seqNr, kind, message);
}
