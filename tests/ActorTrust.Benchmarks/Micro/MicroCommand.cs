using BenchmarkDotNet.Running;

namespace ActorTrust.Benchmarks.Micro;

/// <summary>
/// The <c>micro</c> command: BenchmarkDotNet's switcher over this assembly's benchmark classes. Benchmarks run
/// in-process unless <c>--outOfProcess</c> is given: BenchmarkDotNet's generated out-of-process project would sit
/// under this repository and inherit its strict build settings (warnings as errors, documentation files).
/// </summary>
internal static class MicroCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var arguments = args.Contains("--outOfProcess", StringComparer.Ordinal)
            ? args.Where(a => a != "--outOfProcess").ToArray()
            : args.Contains("--inProcess", StringComparer.Ordinal) ? [.. args] : [.. args, "--inProcess"];
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroCommand).Assembly).Run(arguments);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
