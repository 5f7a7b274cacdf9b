using System.Text;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;

namespace ActorTrust.Core.TrustRecords;

/// <summary>One event of a journal export, reduced to its chain links (its content hash is checked by the runtime's chain verifier).</summary>
/// <param name="SeqNr">The event's sequence number in the stream, from 1.</param>
/// <param name="PrevHash">The previous event's chain hash (the stream's genesis hash for event 1).</param>
/// <param name="Hash">This event's chain hash.</param>
public sealed record JournalLink(long SeqNr, Digest PrevHash, Digest Hash);

/// <summary>The journal stream of a session, as the verifier needs to name it.</summary>
public static class SessionJournal
{
    /// <summary>The stream of <paramref name="sessionId"/>: <c>session|&lt;id&gt;</c>.</summary>
    public static string PersistenceId(SpiffeId sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return "session|" + sessionId;
    }

    /// <summary>
    /// The <c>prev_hash</c> of the stream's first event: <c>SHA-256("actortrust/journal-genesis/v1\n" ‖ persistence id)</c>,
    /// as the runtime's <c>HashChain.Genesis</c> computes it; it ties an export to this session.
    /// </summary>
    public static Digest Genesis(SpiffeId sessionId) => DomainHash.Compute("journal-genesis", Encoding.UTF8.GetBytes(PersistenceId(sessionId)));
}
