using ActorTrust.Runtime.Audit;

namespace ActorTrust.Runtime.Tests.Audit;

public sealed class AuditProgressTests
{
    [Fact]
    public async Task Progress_is_reported_for_the_checkpoints_each_stream_and_each_feed_page()
    {
        await using var fx = await AuditFixture.WithCountersAsync(2, 3);
        await fx.CheckpointAsync();
        var progress = new Recorder();

        await AuditVerifier.VerifyAllAsync(fx.Journal, fx.Options with { FeedPageSize = 4 }, progress, CancellationToken.None);

        progress.Reports.ShouldBe(
        [
            new AuditProgress(AuditPhase.Checkpoints, 1, 1, CheckpointStream.PersistenceId),
            new AuditProgress(AuditPhase.Streams, 2, 3, "counter|a"),
            new AuditProgress(AuditPhase.Streams, 3, 6, "counter|b"),
            new AuditProgress(AuditPhase.Feed, 0, 4, null),
            new AuditProgress(AuditPhase.Feed, 0, 6, null),
        ]);
    }

    // Records synchronously, unlike Progress<T>, which posts to the thread pool.
    private sealed class Recorder : IProgress<AuditProgress>
    {
        public List<AuditProgress> Reports { get; } = [];

        public void Report(AuditProgress value) => Reports.Add(value);
    }
}
