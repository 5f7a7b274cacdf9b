using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Audit;

/// <summary>The outcome of verifying one stream: events read, the last good sequence number, and the first violation.</summary>
internal readonly record struct StreamAuditResult(long Events, long LastGoodSeqNr, ChainViolation? Violation);

/// <summary>
/// Verifies one stream from its first event: the hash chain (<see cref="ChainVerifier"/>), then agreement with
/// every checkpointed head, then that it still reaches the longest checkpointed length. Stops at the first
/// violation, which names the first broken link.
/// </summary>
internal static class StreamAudit
{
    public static async Task<StreamAuditResult> VerifyAsync(IJournal journal, string persistenceId, StreamClaims? claims, CancellationToken cancellationToken)
    {
        var chain = new ChainVerifier(persistenceId);
        long events = 0;
        await foreach (var record in journal.ReadStreamAsync(persistenceId, 1, cancellationToken))
        {
            events++;
            if (chain.Check(record) is { } broken)
            {
                return new StreamAuditResult(events, chain.LastSeqNr, broken);
            }

            if (claims is not null && claims.TryGet(record.SeqNr, out var claim) && claim.Hash != record.Hash)
            {
                // The chain up to here is intact, so the stream was rewritten consistently at or before this event.
                var mismatch = new ChainViolation(persistenceId, record.SeqNr, ChainViolationKind.CheckpointMismatch,
                    $"hash {record.Hash} differs from {claim.Hash} signed in {claim.Source}: the stream was rewritten at or before seq {record.SeqNr}");
                return new StreamAuditResult(events, record.SeqNr - 1, mismatch);
            }
        }

        return new StreamAuditResult(events, chain.LastSeqNr, chain.CheckEnd(claims?.HighestSeqNr ?? 0));
    }
}
