using System.Diagnostics;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>A count of operations over an elapsed time.</summary>
internal readonly record struct Rate(long Operations, TimeSpan Elapsed)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
}

/// <summary>Runs an operation repeatedly for a fixed time, after a warm-up.</summary>
internal static class Timed
{
    /// <summary>Warms up, then runs <paramref name="step"/> (which reports the operations it did) until <paramref name="duration"/> has passed.</summary>
    public static async Task<Rate> RunAsync(TimeSpan warmUp, TimeSpan duration, Func<Task<int>> step)
    {
        await LoopAsync(warmUp, step);
        return await LoopAsync(duration, step);
    }

    /// <summary>The synchronous variant, checking the clock every 64 operations.</summary>
    public static Rate Run(TimeSpan warmUp, TimeSpan duration, Action step)
    {
        Loop(warmUp, step);
        return Loop(duration, step);
    }

    /// <summary>Runs <paramref name="step"/> (which reports the operations it did) until the duration has passed, after a warm-up.</summary>
    public static Rate RunEach(TimeSpan warmUp, TimeSpan duration, Func<int> step)
    {
        LoopEach(warmUp, step);
        return LoopEach(duration, step);
    }

    private static Rate LoopEach(TimeSpan duration, Func<int> step)
    {
        long operations = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            operations += step();
        }

        return new Rate(operations, clock.Elapsed);
    }

    private static async Task<Rate> LoopAsync(TimeSpan duration, Func<Task<int>> step)
    {
        long operations = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            operations += await step();
        }

        return new Rate(operations, clock.Elapsed);
    }

    private static Rate Loop(TimeSpan duration, Action step)
    {
        long operations = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 64; i++)
            {
                step();
            }

            operations += 64;
        }

        return new Rate(operations, clock.Elapsed);
    }
}
