using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ActorTrust.Client;
using ActorTrust.TestKit.Network;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// One clustered node for scenario (9): the built <c>actortrust node --insecure --config cluster.conf</c> as a child
/// process on loopback, with its own data directory, API port and cluster port (kept across restarts, so a restarted
/// node comes back at the same address with a new incarnation). Killed with SIGKILL, never stopped gracefully.
/// </summary>
internal sealed class ClusterNodeProcess : IAsyncDisposable
{
    private const int MaxStartAttempts = 5;
    private static readonly string CliPath = LocateCli();
    private readonly string _dir;
    private readonly string _config;
    private readonly Queue<string> _tail = new();
    private readonly bool _perfMap;
    private Process? _process;

    private ClusterNodeProcess(string name, string dir, string config, Uri address, bool perfMap)
    {
        _perfMap = perfMap;
        Name = name;
        _dir = dir;
        _config = config;
        Address = address;
        Client = new ActorTrustClient(new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) }, new ActorTrustClientOptions { MaxAttempts = 1 });
    }

    public string Name { get; }

    public Uri Address { get; }

    public string DataDir => Path.Combine(_dir, "data");

    public ActorTrustClient Client { get; }

    /// <summary>The current incarnation's node id (<c>host:port:incarnation</c>), read from its status.</summary>
    public string NodeId { get; private set; } = "";

    /// <summary>The current process id (0 before the first start).</summary>
    public int ProcessId => _process is { HasExited: false } p ? p.Id : 0;

    /// <summary>Starts a node; with <paramref name="perfMap"/> it runs with <c>DOTNET_PerfMapEnabled=1</c> (writes /tmp/perf-PID.map for <c>perf</c>).</summary>
    public static async Task<ClusterNodeProcess> StartAsync(string root, string name, string connectionString, TimeSpan leaseTtl, bool perfMap, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "cluster.conf");
        for (var attempt = 1; ; attempt++)
        {
            // A port found free may be taken as an outgoing connection's source port before the node binds it (the
            // ephemeral range is where free ports come from): then start again on other ports.
            await File.WriteAllTextAsync(config, Config(connectionString, LoopbackPorts.Free(), leaseTtl), cancellationToken);
            var node = new ClusterNodeProcess(name, dir, config, new Uri($"http://127.0.0.1:{LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture)}/"), perfMap);
            try
            {
                await node.RestartAsync(cancellationToken);
                return node;
            }
            catch (InvalidOperationException) when (attempt < MaxStartAttempts && node.LostPortRace)
            {
                await node.DisposeAsync();
            }
            catch
            {
                await node.DisposeAsync(); // a node that never answered is not left running
                throw;
            }
        }
    }

    /// <summary>The process exited because one of its ports was taken meanwhile.</summary>
    private bool LostPortRace
    {
        get
        {
            lock (_tail)
            {
                return _tail.Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    /// <summary>Starts the process (again) and waits until its API answers with its new node id.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[CliPath, "node", "--insecure", "--config", _config, "--urls", Address.ToString().TrimEnd('/'), "--data", DataDir])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        if (_perfMap)
        {
            info.Environment["DOTNET_PerfMapEnabled"] = "1";
            info.Environment["DOTNET_EnableWriteXorExecute"] = "0"; // JIT code in anonymous memory, so perf finds it in the map
        }
        _process?.Dispose();
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var previous = NodeId;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (await TryStatusAsync(deadline.Token) is { } status && status.GetProperty("node").GetString() is { } id && id != previous)
            {
                NodeId = id;
                return;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"node {Name} exited with {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} at start; its last lines:\n{string.Join('\n', _tail)}");
            }

            await Task.Delay(100, deadline.Token); // polling pace inside a deadline loop
        }
    }

    /// <summary>CPU seconds the current process has used so far (NaN when it is not running or /proc is missing).</summary>
    public double CpuSeconds => _process is { HasExited: false } p ? ProcessCpu.TreeSeconds(p.Id) : double.NaN;

    /// <summary>CPU seconds of the current process's background tiered-JIT thread so far (NaN when it is not running).</summary>
    public double JitCpuSeconds => _process is { HasExited: false } p ? ProcessCpu.ThreadSeconds(p.Id, ".NET Tiered Com") : double.NaN;

    /// <summary>True when the process has ended by itself (a node that reads itself Dead exits).</summary>
    public bool HasExited => _process is { HasExited: true };

    /// <summary>SIGKILL: no shutdown work, no lease released.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async Task<JsonElement?> TryStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Client.GetClusterStatusAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or ActorTrustApiException or JsonException
                                   || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    /// <summary>Lease ttl as given, renewals every second, a 1 s safety margin, rebalancing every second.</summary>
    private static string Config(string connectionString, int clusterPort, TimeSpan leaseTtl) => $$"""
        actortrust {
          journal {
            backend = postgresql
            postgresql.connection-string = {{JsonSerializer.Serialize(connectionString)}}
          }
          cluster {
            enabled = true
            listen = "http://127.0.0.1:{{clusterPort.ToString(CultureInfo.InvariantCulture)}}"
            handoff-timeout = 10s
            leases {
              ttl = {{((int)leaseTtl.TotalSeconds).ToString(CultureInfo.InvariantCulture)}}s
              renew-interval = 1s
              safety-margin = 1s
              desired-owner-grace = 1s
            }
            rebalance {
              interval = 1s
              relative-limit = 0.5
            }
            membership {
              probe-interval = 1s
              probe-timeout = 2s
              missed-probes-limit = 5
            }
            routing {
              deadline = 20s
            }
          }
        }
        """;

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 50)
            {
                _tail.Dequeue();
            }
        }
    }


    private static string LocateCli()
    {
        var recorded = typeof(ClusterNodeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
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
}
