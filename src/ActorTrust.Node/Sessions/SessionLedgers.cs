using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Sessions;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Node.Sessions;

/// <summary>Rebuilds the nonce and Trust Record ledgers from the session events in the journal at start-up.</summary>
internal static class SessionLedgers
{
    public static async Task RebuildAsync(IJournal journal, EventCatalog<SessionEvent> events, Digest nodeKeyId, NonceLedger nonces, TrustRecordLedger records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = new FeedFilter(["session"]);
        var after = 0L;
        while (true)
        {
            var page = await journal.ReadFeedAsync(after, 1000, filter, cancellationToken);
            foreach (var record in page)
            {
                after = record.GlobalPosition;
                switch (events.Deserialize(record.EventType, record.Payload))
                {
                    case SessionAdmitted { Facts: var facts }:
                        RememberNonce(nonces, facts, now);
                        break;
                    case SessionRefused { Facts: var facts }:
                        RememberNonce(nonces, facts, now);
                        break;
                    case SessionClosed closed when closed.Record.Node.KeyId == nodeKeyId:
                        records.Observe(closed.Record.Node.Sequence, closed.RecordHash);
                        break;
                }
            }

            if (page.Count < 1000)
            {
                return;
            }
        }
    }

    private static void RememberNonce(NonceLedger nonces, AdmissionFacts facts, DateTimeOffset now)
    {
        if (facts.Claims is { Nonce: { } nonce, ExpiresAt: { } expires } && expires > now)
        {
            nonces.Remember(facts.Transport.PeerAuthPublicKey, nonce, expires);
        }
    }
}
