using ActorTrust.Core.Hashing;

namespace ActorTrust.Node.Sessions;

/// <summary>
/// This node's Trust Record sequence: each record carries the next sequence number and the previous record's
/// hash, so a node's records form a chain. Closes are serialised here. The state is derived from the journal
/// (the <c>session.closed.v1</c> events this node key signed), so a crash can never leave it half-applied.
/// </summary>
public sealed class TrustRecordLedger : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The last sequence issued (0 before the first record).</summary>
    public long Sequence { get; private set; }

    /// <summary>The hash of the last record issued.</summary>
    public Digest? LastRecordHash { get; private set; }

    /// <summary>Takes the journal's record into account (at start-up).</summary>
    public void Observe(long sequence, Digest recordHash)
    {
        if (sequence > Sequence)
        {
            (Sequence, LastRecordHash) = (sequence, recordHash);
        }
    }

    /// <summary>
    /// Runs <paramref name="close"/> with the next sequence and previous hash, alone; when it returns the new
    /// record's hash, the ledger advances.
    /// </summary>
    public async Task<T> IssueAsync<T>(Func<long, Digest?, Task<(T Result, Digest? RecordHash)>> close, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(close);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var (result, recordHash) = await close(Sequence + 1, LastRecordHash);
            if (recordHash is { } hash)
            {
                (Sequence, LastRecordHash) = (Sequence + 1, hash);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
