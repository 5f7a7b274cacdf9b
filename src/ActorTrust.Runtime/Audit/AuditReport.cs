using ActorTrust.Core.Audit;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Audit;

/// <summary>
/// The result of an audit. <see cref="Violations"/> holds each stream's first violation (the first broken
/// link, by persistence id and sequence number), every checkpoint that does not verify, and the global feed's
/// problems; an empty list means the journal verified clean.
/// </summary>
/// <param name="StreamsChecked">Streams read and chain-verified, the checkpoint stream included.</param>
/// <param name="EventsChecked">Events read and chain-verified across those streams.</param>
/// <param name="CheckpointsChecked">Checkpoints examined (stored ones and known ones given in the options).</param>
/// <param name="CheckpointsVerified">Of those, the ones that verified and were held against the streams.</param>
/// <param name="LatestCheckpoint">The verified checkpoint with the highest global position, if any.</param>
/// <param name="FeedEventsChecked">Events read from the global feed (0 for a single-stream audit).</param>
/// <param name="Violations">What is wrong, in the order found.</param>
/// <param name="Elapsed">Wall time taken.</param>
public sealed record AuditReport(
    int StreamsChecked,
    long EventsChecked,
    int CheckpointsChecked,
    int CheckpointsVerified,
    JournalCheckpoint? LatestCheckpoint,
    long FeedEventsChecked,
    IReadOnlyList<ChainViolation> Violations,
    TimeSpan Elapsed)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsClean => Violations.Count == 0;

    /// <summary>Stream events verified per second of <see cref="Elapsed"/> (0 when no time was measured).</summary>
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? EventsChecked / Elapsed.TotalSeconds : 0;
}

/// <summary>Which part of the journal an audit is reading.</summary>
public enum AuditPhase
{
    /// <summary>Reading and verifying the stored checkpoints.</summary>
    Checkpoints,

    /// <summary>Chain-verifying every stream.</summary>
    Streams,

    /// <summary>Reading the global feed.</summary>
    Feed,
}

/// <summary>How far an audit has got; reported after each stream and each feed page.</summary>
/// <param name="Phase">The current phase.</param>
/// <param name="StreamsChecked">Streams finished so far.</param>
/// <param name="EventsChecked">Stream events verified so far (feed events during <see cref="AuditPhase.Feed"/>).</param>
/// <param name="CurrentStream">The stream just finished, when in <see cref="AuditPhase.Streams"/>.</param>
public sealed record AuditProgress(AuditPhase Phase, int StreamsChecked, long EventsChecked, string? CurrentStream);
