using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace ActorTrust.Persistence.Sqlite.Tests;

/// <summary>
/// The crash writer (tests/ActorTrust.Persistence.Sqlite.CrashWriter) running as a child process, started with
/// the same <c>dotnet</c> host as the tests; its stdout is read line by line, its stderr kept for failure messages.
/// </summary>
internal sealed class CrashWriterProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr = new();

    private CrashWriterProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stderr.Enqueue(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Stderr => string.Join(Environment.NewLine, _stderr);

    public static CrashWriterProcess Start(string databasePath, int maxSeconds)
    {
        var dll = Locate();
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(databasePath);
        start.ArgumentList.Add(maxSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start dotnet {dll}");
        return new CrashWriterProcess(process);
    }

    /// <summary>The next stdout line, or null once the process has closed its output.</summary>
    public Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        _process.StandardOutput.ReadLineAsync(cancellationToken).AsTask();

    /// <summary>SIGKILL on Unix: no finally blocks, no flushing, no journal dispose.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string Locate()
    {
        var recorded = typeof(CrashWriterProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "CrashWriterPath")?.Value;
        if (string.IsNullOrEmpty(recorded) || !File.Exists(recorded))
        {
            throw new FileNotFoundException(
                $"the crash writer was not found at '{recorded}'; build tests/ActorTrust.Persistence.Sqlite.CrashWriter (the test project references it) in the same configuration");
        }

        return recorded;
    }

    private static string DotnetHost()
    {
        // The dotnet CLI tells child processes where its host is; a test host run directly falls back to PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}
