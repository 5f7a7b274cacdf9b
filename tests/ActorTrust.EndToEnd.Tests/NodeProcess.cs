using System.Diagnostics;
using ActorTrust.TestKit.Network;

namespace ActorTrust.EndToEnd.Tests;

/// <summary>
/// A real node: <c>actortrust node --urls … --data …</c> as a child process. Started when its log says it is
/// listening (no polling, no sleeps); stopped gracefully with SIGTERM or killed with SIGKILL.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _log = [];

    private NodeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    public static Task<NodeProcess> StartAsync(string workingDirectory, string dataDir, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? LoopbackPorts.Free()}/");
        return StartAsync(workingDirectory, address, "node", "--insecure", "--urls", address.ToString().TrimEnd('/'), "--data", dataDir);
    }

    /// <summary>
    /// A node started with a HOCON file (e.g. a clustered node), serving its API on <paramref name="address"/>; secure
    /// (the TLS files come from the config) unless <paramref name="insecure"/>.
    /// </summary>
    public static Task<NodeProcess> StartWithConfigAsync(string workingDirectory, string dataDir, string configFile, Uri address, bool insecure = true) =>
        StartAsync(workingDirectory, address, [
            "node", .. insecure ? ["--insecure"] : Array.Empty<string>(), "--config", configFile, "--urls", address.ToString().TrimEnd('/'), "--data", dataDir]);


    private static async Task<NodeProcess> StartAsync(string workingDirectory, Uri address, params string[] args)
    {
        var process = new Process { StartInfo = ActorTrustProcess.StartInfo(workingDirectory, args) };
        var node = new NodeProcess(process, address);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await node._listening.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await node.KillAsync();
            throw new TimeoutException($"the node did not start within 60 s; its log:\n{node.Log}");
        }

        return node;
    }

    /// <summary>SIGTERM: the node finishes queued work, writes a final checkpoint and exits.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>SIGKILL: no shutdown work at all.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The operating-system process id.</summary>
    public int Pid => _process.Id;

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }

        if (line.Contains("Now listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
