using ActorTrust.Benchmarks.Macro;
using ActorTrust.Benchmarks.Micro;

// dotnet run -c Release --project tests/ActorTrust.Benchmarks -- macro [options] | micro [BenchmarkDotNet options]
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return args switch
{
    ["macro", .. var rest] => await MacroCommand.RunAsync(rest, cancel.Token),
    ["micro", .. var rest] => MicroCommand.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ActorTrust.Benchmarks macro [options] | micro [BenchmarkDotNet options]");
    Console.Error.WriteLine("  " + MacroOptions.Usage);
    Console.Error.WriteLine("  micro: BenchmarkSwitcher arguments, e.g. --filter '*' --job short (see README.md)");
    return 2;
}
