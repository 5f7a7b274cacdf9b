using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Audit;

/// <summary>
/// Reads the whole global feed once and checks it is a faithful log of commits: positions strictly increase,
/// each stream's events appear exactly once and in order (1, 2, 3, …), and the feed reaches the position the
/// newest verified checkpoint covers. Keeps one number per stream, not one per event.
/// </summary>
internal static class FeedAudit
{
    /// <summary>Marks violations of the feed as a whole (no stream to name): not a valid persistence id, so it cannot collide.</summary>
    public const string FeedId = "$feed";

    public static async Task<(long Events, List<ChainViolation> Violations)> VerifyAsync(
        IJournal journal, int pageSize, long checkpointedPosition, IProgress<AuditProgress>? progress, CancellationToken cancellationToken)
    {
        var violations = new List<ChainViolation>();
        var flagged = new HashSet<string>(StringComparer.Ordinal);
        var nextSeqNr = new Dictionary<string, long>(StringComparer.Ordinal);
        long cursor = 0;
        long events = 0;
        while (true)
        {
            var page = await journal.ReadFeedAsync(cursor, pageSize, FeedFilter.All, cancellationToken);
            var before = cursor;
            foreach (var record in page)
            {
                events++;
                var expected = nextSeqNr.GetValueOrDefault(record.PersistenceId, 1);
                var problem = record.GlobalPosition <= cursor
                    ? $"global position {record.GlobalPosition} does not follow {cursor}"
                    : record.SeqNr != expected ? $"the feed holds seq {record.SeqNr} where seq {expected} was due" : null;
                if (problem is not null && flagged.Add(record.PersistenceId))
                {
                    violations.Add(new ChainViolation(record.PersistenceId, record.SeqNr, ChainViolationKind.FeedDisorder, problem));
                }

                nextSeqNr[record.PersistenceId] = Math.Max(expected, record.SeqNr + 1);
                cursor = Math.Max(cursor, record.GlobalPosition);
            }

            progress?.Report(new AuditProgress(AuditPhase.Feed, 0, events, null));
            if (page.Count < pageSize || cursor == before)
            {
                break;
            }
        }

        if (cursor < checkpointedPosition)
        {
            violations.Add(new ChainViolation(FeedId, cursor + 1, ChainViolationKind.Truncated,
                $"the feed ends at position {cursor}, but a verified checkpoint covers position {checkpointedPosition}"));
        }

        return (events, violations);
    }
}
