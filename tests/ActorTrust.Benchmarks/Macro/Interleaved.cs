using System.Diagnostics;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>A measurement that can run for a given time and report what it did.</summary>
/// <param name="Name">Shown in notes.</param>
/// <param name="RunFor">Runs for about the given time (at least one operation) and returns the rate.</param>
internal sealed record Contender(string Name, Func<TimeSpan, Task<Rate>> RunFor)
{
    /// <summary>A contender from a synchronous step that does one operation.</summary>
    public static Contender Sync(string name, Action step) => new(name, duration => Task.FromResult(Timed.Run(TimeSpan.Zero, duration, step)));

    /// <summary>A contender from an asynchronous step that reports the operations it did.</summary>
    public static Contender Async(string name, Func<Task<int>> step) => new(name, duration => Timed.RunAsync(TimeSpan.Zero, duration, step));
}

/// <summary>
/// A contender's slices: the figure reported is the median slice rate (robust against the load spikes of a shared
/// machine), with the total and the slowest and fastest slices alongside. <paramref name="Cpu"/> is the process CPU
/// time (all threads, user and kernel) spent during its slices: unlike the rates, CPU per operation barely moves
/// when other processes load the machine, so it compares code paths on a busy machine.
/// </summary>
internal sealed record Measured(string Name, Rate Total, IReadOnlyList<double> Slices, TimeSpan Cpu = default, TimeSpan ServerCpu = default)
{
    /// <summary>Process CPU microseconds per operation over all slices.</summary>
    public string CpuMicrosPerOperation => Format.Micros(Cpu.TotalMicroseconds / Math.Max(1, Total.Operations));

    /// <summary>CPU microseconds per operation of the server process tree (when one was measured) over all slices.</summary>
    public string ServerCpuMicrosPerOperation => Format.Micros(ServerCpu.TotalMicroseconds / Math.Max(1, Total.Operations));

    public double PerSecond => Median;

    public double Median
    {
        get
        {
            var sorted = Slices.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public double SliceMin => Slices.Min();

    public double SliceMax => Slices.Max();

    /// <summary>Microseconds per operation at the median rate.</summary>
    public string MicrosPerOperation => Format.Micros(1e6 / Median);
}

/// <summary>
/// Runs contenders in alternating slices (A B C, B C A, C A B, ...) so that each sees the same mix of machine load:
/// on a shared, busy machine a ratio of two figures measured minutes apart means little, a ratio of
/// interleaved ones much more.
/// </summary>
internal static class Interleaved
{
    /// <summary>
    /// Warms every contender up, calls <paramref name="afterWarmUp"/>, then runs <paramref name="slices"/> rounds of slices.
    /// <paramref name="serverCpuSeconds"/>, when given, reads another process tree's CPU seconds so far (a database server),
    /// charged to each contender like the process CPU.
    /// </summary>
    public static async Task<IReadOnlyList<Measured>> RunAsync(
        TimeSpan warmUp, TimeSpan duration, int slices, IReadOnlyList<Contender> contenders, Action? afterWarmUp = null,
        Func<double>? serverCpuSeconds = null)
    {
        foreach (var contender in contenders)
        {
            await contender.RunFor(warmUp);
        }

        afterWarmUp?.Invoke();

        var slice = duration / slices;
        var rates = contenders.Select(_ => new List<Rate>()).ToArray();
        var cpu = new TimeSpan[contenders.Count];
        var serverCpu = new TimeSpan[contenders.Count];
        for (var s = 0; s < slices; s++)
        {
            // Rotate who goes first, so no contender always follows the same neighbour (an fsync right after
            // another contender's burst of I/O costs more than one after a quiet spell).
            for (var i = 0; i < contenders.Count; i++)
            {
                var c = (s + i) % contenders.Count;
                var cpuBefore = Environment.CpuUsage.TotalTime;
                var serverBefore = serverCpuSeconds?.Invoke() ?? 0;
                rates[c].Add(await contenders[c].RunFor(slice));
                cpu[c] += Environment.CpuUsage.TotalTime - cpuBefore;
                serverCpu[c] += TimeSpan.FromSeconds((serverCpuSeconds?.Invoke() ?? 0) - serverBefore);
            }
        }

        return [.. contenders.Select((contender, c) => new Measured(
            contender.Name,
            new Rate(rates[c].Sum(r => r.Operations), TimeSpan.FromTicks(rates[c].Sum(r => r.Elapsed.Ticks))),
            rates[c].Select(r => r.PerSecond).ToList(),
            cpu[c],
            serverCpu[c]))];
    }

    /// <summary>Times a loop of <paramref name="step"/> until <paramref name="duration"/> has passed, at least once.</summary>
    public static async Task<Rate> RepeatAsync(TimeSpan duration, Func<Task<long>> step)
    {
        long operations = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            operations += await step();
        }
        while (clock.Elapsed < duration);

        return new Rate(operations, clock.Elapsed);
    }
}
