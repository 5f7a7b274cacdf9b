using System.Diagnostics;
using System.Globalization;
using ActorTrust.Benchmarks.Entity;
using ActorTrust.Runtime.Entities;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>Commands through the registry onto the SQLite journal: sequential, concurrent (group commit), batched.</summary>
internal static class WriteScenarios
{
    public const int BurstEvents = 100;

    /// <summary>(1) One entity, one event per command, each command awaited before the next.</summary>
    public static async Task<Rate> OneEntitySequentialAsync(MacroOptions options, TempDirectory directory, CancellationToken cancellationToken)
    {
        await using var rig = await RuntimeRig.OpenAsync(directory.Database("at-single"), options.Synchronous, cancellationToken);
        long sent = 0;
        return await Timed.RunAsync(options.WarmUp, options.Duration, async () =>
        {
            Accepted(await rig.Registry.SendAsync("single", CommandId(++sent), new Step(1), cancellationToken));
            return 1;
        });
    }

    /// <summary>(3) One entity, <see cref="BurstEvents"/> events per command.</summary>
    public static async Task<Rate> OneEntityBurstsAsync(MacroOptions options, TempDirectory directory, CancellationToken cancellationToken)
    {
        await using var rig = await RuntimeRig.OpenAsync(directory.Database("at-burst"), options.Synchronous, cancellationToken);
        long sent = 0;
        return await Timed.RunAsync(options.WarmUp, options.Duration, async () =>
        {
            Accepted(await rig.Registry.SendAsync("burst", CommandId(++sent), new Burst(BurstEvents), cancellationToken));
            return BurstEvents;
        });
    }

    /// <summary>
    /// (2) N entities, each sending M commands one after the other, all entities at once; rounds repeat until the
    /// duration has passed. Returns the rate, per-command latencies and the events per journal transaction.
    /// </summary>
    public static async Task<(Rate Rate, Latencies Latencies, double EventsPerBatch)> ConcurrentAsync(
        MacroOptions options, TempDirectory directory, CancellationToken cancellationToken)
    {
        await using var rig = await RuntimeRig.OpenAsync(directory.Database("at-concurrent"), options.Synchronous, cancellationToken);
        var ids = Enumerable.Range(0, options.Entities).Select(i => string.Create(CultureInfo.InvariantCulture, $"e-{i}")).ToArray();
        await Task.WhenAll(ids.Select(id => rig.Registry.QueryAsync(id, (_, version) => version, cancellationToken))); // activate
        var round = 0;
        await RoundsAsync(options.WarmUp, null);
        var latencies = new Latencies();
        var batchesBefore = rig.Writer.BatchesWritten;
        var rate = await RoundsAsync(options.Duration, latencies);
        var batches = rig.Writer.BatchesWritten - batchesBefore;
        return (rate, latencies, batches == 0 ? 0 : (double)rate.Operations / batches);

        async Task<Rate> RoundsAsync(TimeSpan duration, Latencies? record)
        {
            long commands = 0;
            var clock = Stopwatch.StartNew();
            do
            {
                var r = ++round;
                await Task.WhenAll(ids.Select(id => EntityLoopAsync(rig, id, r, options.Commands, record, cancellationToken)));
                commands += (long)ids.Length * options.Commands;
            }
            while (clock.Elapsed < duration);

            return new Rate(commands, clock.Elapsed);
        }
    }

    private static async Task EntityLoopAsync(RuntimeRig rig, string id, int round, int commands, Latencies? record, CancellationToken cancellationToken)
    {
        var ticks = new long[commands];
        for (var k = 0; k < commands; k++)
        {
            var start = Stopwatch.GetTimestamp();
            var commandId = string.Create(CultureInfo.InvariantCulture, $"{id}-{round}-{k}");
            Accepted(await rig.Registry.SendAsync(id, commandId, new Step(1), cancellationToken));
            ticks[k] = Stopwatch.GetTimestamp() - start;
        }

        record?.AddRange(ticks);
    }

    private static string CommandId(long n) => string.Create(CultureInfo.InvariantCulture, $"cmd-{n}");

    private static void Accepted(CommandResult<BenchState> result)
    {
        if (!result.IsAccepted)
        {
            throw new InvalidOperationException($"benchmark command not accepted: {result.Status} {result.Rejection}");
        }
    }
}
