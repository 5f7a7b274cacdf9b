using System.Diagnostics;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>The <c>macro</c> command: runs every scenario and prints the table (and optionally JSON).</summary>
internal static class MacroCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        MacroOptions options;
        try
        {
            options = MacroOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        var loadBefore = MachineLoad.LoadAverage();
        Console.WriteLine($"ActorTrust macro benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {MachineLoad.Describe()}");
        Console.WriteLine($"load average before: {loadBefore}");
        Console.WriteLine($"options: entities={options.Entities} commands={options.Commands} sync={options.Synchronous} " +
            $"duration={options.Duration.TotalSeconds}s warm-up={options.WarmUp.TotalSeconds}s replay-events={options.ReplayEvents} query-callers={options.QueryCallers}");
        if (Debugger.IsAttached || !IsOptimized())
        {
            Console.WriteLine("WARNING: not an optimized (Release) build; figures are meaningless");
        }

        var clock = Stopwatch.StartNew();
        var rows = await MacroRunner.RunAsync(options, step => Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {step} (load {MachineLoad.LoadAverage()})"), cancellationToken);
        var loadAfter = MachineLoad.LoadAverage();
        Console.WriteLine($"load average after: {loadAfter}; total {clock.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine();
        Console.Write(ResultTable.Text(rows));
        if (options.Json)
        {
            var json = ResultTable.Json(options, rows, loadBefore, loadAfter);
            if (options.JsonFile is { } file)
            {
                await File.WriteAllTextAsync(file, json, cancellationToken);
                Console.WriteLine($"JSON written to {file}");
            }
            else
            {
                Console.WriteLine();
                Console.WriteLine(json);
            }
        }

        return 0;
    }

    private static bool IsOptimized() =>
        typeof(MacroCommand).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().All(d => !d.IsJITOptimizerDisabled);
}
