using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace ActorTrust.EndToEnd.Tests;

/// <summary>Runs the built <c>actortrust</c> binary: one-shot CLI commands, or a long-running node.</summary>
internal static class ActorTrustProcess
{
    public static string CliPath { get; } = Locate();

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    /// <summary>Runs a CLI command to completion (bounded) and returns its exit code and output.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"actortrust {string.Join(' ', args)} did not finish within 60 s");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string Locate()
    {
        var recorded = typeof(ActorTrustProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "ActorTrustCliPath")?.Value;
        return !string.IsNullOrEmpty(recorded) && File.Exists(recorded)
            ? recorded
            : throw new FileNotFoundException($"the actortrust binary was not found at '{recorded}'; build src/ActorTrust.Cli in the same configuration");
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    public static string Describe(this (int Exit, string Out, string Err) result) =>
        new StringBuilder().Append("exit ").Append(result.Exit).Append("\nstdout:\n").Append(result.Out).Append("\nstderr:\n").Append(result.Err).ToString();
}
