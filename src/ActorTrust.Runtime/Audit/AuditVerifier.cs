using ActorTrust.Core.Audit;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Audit;

/// <summary>
/// Re-verifies a journal end to end (ARCHITECTURE §5, <c>actortrust audit verify</c>): every stream's hash
/// chain, every stored checkpoint's signature and root, every stream against what the verified checkpoints
/// signed (a shortened stream is <see cref="ChainViolationKind.Truncated"/>, another hash at a signed sequence
/// number is <see cref="ChainViolationKind.CheckpointMismatch"/>), and the global feed. Each stream reports
/// only its first violation.
/// </summary>
public static class AuditVerifier
{
    /// <summary>The persistence id used in violations of the global feed as a whole.</summary>
    public const string FeedId = FeedAudit.FeedId;

    /// <summary>Audits the whole journal.</summary>
    public static async Task<AuditReport> VerifyAllAsync(
        IJournal journal, AuditOptions options, IProgress<AuditProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var started = options.Time.GetTimestamp();
        var checkpoints = await CheckpointsAsync(journal, options, cancellationToken);
        progress?.Report(new AuditProgress(AuditPhase.Checkpoints, 1, checkpoints.EventsChecked, CheckpointStream.PersistenceId));

        var violations = new ViolationList(checkpoints.Violations);
        var seen = new HashSet<string>(StringComparer.Ordinal) { CheckpointStream.PersistenceId };
        var streams = 1;
        var events = checkpoints.EventsChecked;
        // Listed first, then read one by one: a backend need not serve a second query while the first is open.
        var persistenceIds = new List<string>();
        await foreach (var persistenceId in journal.ReadPersistenceIdsAsync(cancellationToken))
        {
            persistenceIds.Add(persistenceId);
        }

        foreach (var persistenceId in persistenceIds)
        {
            if (!seen.Add(persistenceId))
            {
                continue;
            }

            var result = await StreamAudit.VerifyAsync(journal, persistenceId, checkpoints.Claims.For(persistenceId), cancellationToken);
            streams++;
            events += result.Events;
            violations.Add(result.Violation);
            progress?.Report(new AuditProgress(AuditPhase.Streams, streams, events, persistenceId));
        }

        foreach (var missing in checkpoints.Claims.PersistenceIds.Where(id => !seen.Contains(id)).Order(StringComparer.Ordinal))
        {
            violations.Add(new ChainViolation(missing, 1, ChainViolationKind.Truncated,
                $"the stream is gone, but a verified checkpoint says it reached seq {checkpoints.Claims.For(missing)!.HighestSeqNr}"));
        }

        var feed = await FeedAudit.VerifyAsync(journal, options.FeedPageSize, checkpoints.Claims.HighestGlobalPosition, progress, cancellationToken);
        feed.Violations.ForEach(violations.Add);
        return Report(checkpoints, streams, events, feed.Events, violations, options.Time.GetElapsedTime(started));
    }

    /// <summary>
    /// Audits one stream: its chain, and its agreement with the verified checkpoints (which are read and
    /// verified too). The global feed is not read.
    /// </summary>
    public static async Task<AuditReport> VerifyStreamAsync(IJournal journal, string persistenceId, AuditOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var started = options.Time.GetTimestamp();
        var checkpoints = await CheckpointsAsync(journal, options, cancellationToken);
        if (string.Equals(persistenceId, CheckpointStream.PersistenceId, StringComparison.Ordinal))
        {
            return Report(checkpoints, 1, checkpoints.EventsChecked, 0, new ViolationList(checkpoints.Violations), options.Time.GetElapsedTime(started));
        }

        var violations = new ViolationList(checkpoints.Violations.Where(v => v.Kind == ChainViolationKind.CheckpointInvalid
            || string.Equals(v.PersistenceId, persistenceId, StringComparison.Ordinal)));
        var result = await StreamAudit.VerifyAsync(journal, persistenceId, checkpoints.Claims.For(persistenceId), cancellationToken);
        violations.Add(result.Violation);
        return Report(checkpoints, 1, result.Events, 0, violations, options.Time.GetElapsedTime(started));
    }

    private static async Task<CheckpointAudit> CheckpointsAsync(IJournal journal, AuditOptions options, CancellationToken cancellationToken)
    {
        var audit = new CheckpointAudit(JournalCheckpointEnvelope.PolicyFor(options.TrustedNodeKeys));
        await audit.RunAsync(journal, options.KnownCheckpoints, cancellationToken);
        return audit;
    }

    private static AuditReport Report(CheckpointAudit checkpoints, int streams, long events, long feedEvents, ViolationList violations, TimeSpan elapsed) =>
        new(streams, events, checkpoints.Checked, checkpoints.Verified, checkpoints.Claims.Latest, feedEvents, violations.Items, elapsed);

    // One violation per stream — its first — except that every invalid checkpoint is listed.
    private sealed class ViolationList
    {
        private readonly HashSet<string> _streams = new(StringComparer.Ordinal);

        public ViolationList(IEnumerable<ChainViolation> initial)
        {
            foreach (var violation in initial)
            {
                Add(violation);
            }
        }

        public List<ChainViolation> Items { get; } = [];

        public void Add(ChainViolation? violation)
        {
            if (violation is not null && (violation.Kind == ChainViolationKind.CheckpointInvalid || _streams.Add(violation.PersistenceId)))
            {
                Items.Add(violation);
            }
        }
    }
}
