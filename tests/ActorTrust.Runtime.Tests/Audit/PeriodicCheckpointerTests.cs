using System.Threading.Channels;
using ActorTrust.Runtime.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Runtime.Tests.Audit;

public sealed class PeriodicCheckpointerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Checkpoints_on_each_tick_of_the_clock_and_stops_when_cancelled()
    {
        await using var fx = await AuditFixture.WithCountersAsync(2);
        var stored = Channel.CreateUnbounded<StoredCheckpoint>();
        var periodic = new PeriodicCheckpointer(fx.Checkpointer, new JournalCheckpointerOptions { CheckpointInterval = Interval },
            fx.Runtime.Time, NullLogger<PeriodicCheckpointer>.Instance) { Stored = s => stored.Writer.TryWrite(s) };
        using var stop = new CancellationTokenSource();
        var run = periodic.RunAsync(stop.Token);

        fx.Runtime.Time.Advance(Interval);
        var first = await stored.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await fx.AddEventsAsync("a", 1);
        fx.Runtime.Time.Advance(Interval);
        var second = await stored.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        first.SeqNr.ShouldBe(1);
        second.SeqNr.ShouldBe(2);
        second.Checkpoint.Heads.Single().SeqNr.ShouldBe(3);
    }

    [Fact]
    public async Task No_checkpoint_is_taken_before_the_first_interval_has_passed()
    {
        await using var fx = await AuditFixture.WithCountersAsync(1);
        var periodic = new PeriodicCheckpointer(fx.Checkpointer, new JournalCheckpointerOptions { CheckpointInterval = Interval },
            fx.Runtime.Time, NullLogger<PeriodicCheckpointer>.Instance);
        using var stop = new CancellationTokenSource();
        var run = periodic.RunAsync(stop.Token);

        fx.Runtime.Time.Advance(Interval - TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        (await fx.StreamAsync(CheckpointStream.PersistenceId)).ShouldBeEmpty();
    }
}
