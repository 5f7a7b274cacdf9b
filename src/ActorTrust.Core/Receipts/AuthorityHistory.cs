using ActorTrust.Core.Domains;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Receipts;

/// <summary>
/// A domain's exported authority manifest history, for offline verification: every manifest envelope in order
/// (version 1 first), each with the journal position and decision time at which the domain accepted it. The
/// history is re-verified from version 1 with the domain's own rotation rules before anything is trusted.
/// </summary>
/// <param name="DomainId">The trust domain.</param>
/// <param name="Manifests">The manifest envelopes, oldest first.</param>
/// <param name="JournalLength">The domain journal's length at export, when known; positions beyond it are refused as unknown.</param>
public sealed record AuthorityHistory(string DomainId, IReadOnlyList<AuthorityHistoryEntry> Manifests, long? JournalLength = null)
{
    /// <summary>The history of a domain journal: its <c>domain.created.v1</c> and <c>domain.rotated.v1</c> events with their sequence numbers.</summary>
    /// <param name="domainId">The trust domain.</param>
    /// <param name="journal">The domain's events with their sequence numbers, in order.</param>
    public static AuthorityHistory FromJournal(string domainId, IEnumerable<(long Position, DomainEvent Event)> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var entries = new List<AuthorityHistoryEntry>();
        long length = 0;
        foreach (var (position, @event) in journal)
        {
            length = Math.Max(length, position);
            switch (@event)
            {
                case DomainCreated created:
                    entries.Add(new(position, created.AcceptedAt, created.Envelope));
                    break;
                case DomainRotated rotated:
                    entries.Add(new(position, rotated.AcceptedAt, rotated.Envelope));
                    break;
            }
        }

        return new(domainId, entries, length);
    }

    /// <summary>
    /// Re-verifies the history with the domain decider (version 1 self-signed, each rotation signed by the previous
    /// roots and its own, chained, unexpired when accepted) at increasing positions, and, when
    /// <paramref name="pinnedManifest"/> is given, requires a version with that digest (a trust pin).
    /// </summary>
    internal AuthorityTimeline? Verify(Digest? pinnedManifest, out Rejection? refusal)
    {
        refusal = null;
        var state = DomainState.Empty;
        var versions = new List<DomainVersion>();
        for (var i = 0; i < (Manifests?.Count ?? 0); i++)
        {
            var entry = Manifests![i];
            if (entry is null || entry.Position < 1 || (i > 0 && entry.Position <= Manifests[i - 1].Position))
            {
                refusal = new(CertificationCodes.AuthorityHistoryInvalid, $"manifests[{i}] has no position after the previous one's");
                return null;
            }

            DomainCommand command = i == 0 ? new CreateDomain(entry.Envelope) : new RotateDomain(entry.Envelope);
            var decision = DomainDecider.Instance.Decide(state, command, new DecisionContext(DomainId, entry.AcceptedAt, i));
            if (decision.Rejection is { } rejected || decision.Events.Count != 1)
            {
                refusal = new(CertificationCodes.AuthorityHistoryInvalid, $"manifests[{i}] does not verify: {decision.Rejection?.ToString() ?? "it repeats the previous manifest"}");
                return null;
            }

            state = DomainDecider.Instance.Evolve(state, decision.Events[0]);
            versions.Add(state.Current! with { Position = entry.Position });
        }

        if (versions.Count == 0)
        {
            refusal = new(CertificationCodes.AuthorityHistoryInvalid, "the history holds no manifest");
            return null;
        }

        if (pinnedManifest is { } pin && !versions.Exists(v => v.ManifestDigest == pin))
        {
            refusal = new(CertificationCodes.AuthorityUntrusted, $"no manifest in the history has the pinned digest {pin}");
            return null;
        }

        return new AuthorityTimeline(DomainId, versions, JournalLength);
    }
}

/// <summary>One manifest in an exported <see cref="AuthorityHistory"/>.</summary>
/// <param name="Position">The domain journal position of the event that accepted it.</param>
/// <param name="AcceptedAt">When the domain accepted it (its expiry and its predecessor's are judged at that time).</param>
/// <param name="Envelope">The manifest envelope as DSSE JSON text.</param>
public sealed record AuthorityHistoryEntry(long Position, DateTimeOffset AcceptedAt, string Envelope);
