using System.Globalization;
using System.Text;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>What a <see cref="JournalAuditor"/> found.</summary>
/// <param name="Streams">Persistence ids seen.</param>
/// <param name="Events">Events read.</param>
/// <param name="Violations">Everything wrong (empty when the journal is sound).</param>
public sealed record JournalAudit(int Streams, long Events, IReadOnlyList<string> Violations)
{
    /// <summary>Throws listing the first violations when there are any.</summary>
    public void AssertClean()
    {
        if (Violations.Count == 0)
        {
            return;
        }

        var message = new StringBuilder().Append(CultureInfo.InvariantCulture, $"journal audit: {Violations.Count} violations over {Streams} streams / {Events} events:");
        foreach (var v in Violations.Take(10))
        {
            message.Append("\n  ").Append(v);
        }

        throw new InvalidOperationException(message.ToString());
    }
}

/// <summary>
/// Reads the whole journal (global feed and every stream) and checks I2 and I3 end to end: every stream's sequence
/// numbers are exactly 1..N, its hash chain is intact (<see cref="ChainVerifier"/>), its writer tokens never go down,
/// and the global feed holds every event exactly once at a distinct position.
/// </summary>
public static class JournalAuditor
{
    /// <summary>Audits <paramref name="journal"/>.</summary>
    public static async Task<JournalAudit> AuditAsync(IJournal journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var violations = new List<string>();
        var feed = new Dictionary<string, List<JournalRecord>>(StringComparer.Ordinal);
        var positions = new HashSet<long>();
        long after = 0, events = 0;
        var streams = 0;
        while (true)
        {
            var page = await journal.ReadFeedAsync(after, 1000, FeedFilter.All, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var record in page)
            {
                events++;
                if (!positions.Add(record.GlobalPosition))
                {
                    violations.Add($"global position {record.GlobalPosition} delivered twice");
                }

                if (!feed.TryGetValue(record.PersistenceId, out var list))
                {
                    feed[record.PersistenceId] = list = [];
                }

                list.Add(record);
            }

            after = page[^1].GlobalPosition;
        }

        await foreach (var persistenceId in journal.ReadPersistenceIdsAsync(cancellationToken))
        {
            streams++;
            var verifier = new ChainVerifier(persistenceId);
            long read = 0;
            await foreach (var record in journal.ReadStreamAsync(persistenceId, 1, cancellationToken))
            {
                read++;
                if (verifier.Check(record) is { } violation)
                {
                    violations.Add($"{persistenceId}: {violation}");
                    break;
                }
            }

            var highest = await journal.ReadHighestSeqNrAsync(persistenceId, cancellationToken);
            if (verifier.CheckEnd(highest) is { } truncated)
            {
                violations.Add($"{persistenceId}: {truncated}");
            }

            var inFeed = feed.GetValueOrDefault(persistenceId)?.Count ?? 0;
            if (inFeed != read)
            {
                violations.Add($"{persistenceId}: the stream holds {read} events but the global feed {inFeed}");
            }

            feed.Remove(persistenceId);
        }

        violations.AddRange(feed.Keys.Select(pid => $"{pid}: in the global feed but not among the persistence ids"));
        return new JournalAudit(streams, events, violations);
    }
}
