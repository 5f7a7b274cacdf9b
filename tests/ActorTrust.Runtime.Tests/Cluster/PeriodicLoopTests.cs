using System.Diagnostics;
using ActorTrust.Runtime.Cluster;
using ActorTrust.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorTrust.Runtime.Tests.Cluster;

public sealed class PeriodicLoopTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_look_asked_for_before_the_next_round_runs_at_its_time_and_the_rounds_keep_their_schedule()
    {
        var time = new ManualTimeProvider();
        var (rounds, looks, asked) = (0, 0, 0);
        var lookAt = time.GetTimestamp() + TimeSpan.FromSeconds(2).Ticks; // ManualTimeProvider ticks are TimeSpan ticks
        var loop = new PeriodicLoop("test", Interval, _ => Count(ref rounds), time, NullLogger.Instance,
            () => { Interlocked.Increment(ref asked); return Volatile.Read(ref looks) == 0 ? lookAt : null; }, // one look is asked for
            _ => Count(ref looks));
        loop.Start();
        await WaitUntil(() => Volatile.Read(ref asked) >= 1); // round 1 ran and the loop is choosing its wait

        time.Advance(TimeSpan.FromMilliseconds(1900));
        Volatile.Read(ref looks).ShouldBe(0);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await WaitUntil(() => Volatile.Read(ref looks) == 1);
        Volatile.Read(ref rounds).ShouldBe(1);

        time.Advance(TimeSpan.FromMilliseconds(2900)); // 4.9 s after round 1
        Volatile.Read(ref rounds).ShouldBe(1);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await WaitUntil(() => Volatile.Read(ref rounds) == 2);
        Volatile.Read(ref looks).ShouldBe(1);
        await loop.StopAsync();
    }

    [Fact]
    public async Task A_look_asked_for_after_the_next_round_is_due_is_left_to_that_round()
    {
        var time = new ManualTimeProvider();
        var (rounds, looks, asked) = (0, 0, 0);
        var lookAt = time.GetTimestamp() + TimeSpan.FromSeconds(7).Ticks;
        var loop = new PeriodicLoop("test", Interval, _ => Count(ref rounds), time, NullLogger.Instance,
            () => { Interlocked.Increment(ref asked); return (long?)lookAt; }, _ => Count(ref looks));
        loop.Start();
        await WaitUntil(() => Volatile.Read(ref asked) >= 1);

        time.Advance(Interval);
        await WaitUntil(() => Volatile.Read(ref rounds) == 2);

        Volatile.Read(ref looks).ShouldBe(0);
        await loop.StopAsync();
    }

    private static Task Count(ref int counter)
    {
        Interlocked.Increment(ref counter);
        return Task.CompletedTask;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var guard = Stopwatch.StartNew();
        while (!condition())
        {
            guard.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "the condition never held");
            await Task.Yield(); // the loop runs on the thread pool; nothing here waits for the clock
        }
    }
}
