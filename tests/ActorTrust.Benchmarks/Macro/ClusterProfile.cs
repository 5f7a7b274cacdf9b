using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// <c>--profile DIR</c> for scenario (9): <c>perf record</c> of the node processes and PostgreSQL's backends during the
/// load phase (the nodes run with <c>DOTNET_PerfMapEnabled=1</c>, so JIT-compiled frames have names), and PostgreSQL's
/// <c>pg_stat_statements</c> reset before the load and printed after it, per command. Read the samples with
/// <c>perf report -i DIR/perf.data --stdio --no-children</c>.
/// </summary>
internal sealed class ClusterProfile
{
    private readonly string _directory;
    private readonly string _connectionString;
    private Process? _perf;

    private ClusterProfile(string directory, string connectionString)
    {
        _directory = directory;
        _connectionString = connectionString;
    }

    /// <summary>The server settings a profiled run adds.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ServerSettings { get; } =
        [new("shared_preload_libraries", "pg_stat_statements"), new("pg_stat_statements.track", "all"), new("pg_stat_statements.max", "2000")];

    /// <summary>Creates the extension in the cluster's database (the view then covers every database of the server).</summary>
    public static async Task<ClusterProfile> CreateAsync(string directory, string connectionString, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new ClusterProfile(directory, connectionString);
    }

    /// <summary>
    /// Resets the statement statistics and starts sampling: the given processes and, with <paramref name="backends"/>,
    /// PostgreSQL's current backends. perf fails when a thread of a listed process exits while it attaches (idle thread-pool
    /// threads retire), so it tries three times and then samples every CPU (<c>-a</c>; filter with <c>--pid</c>).
    /// </summary>
    public async Task BeginAsync(string phase, IEnumerable<int> nodePids, int postmasterPid, bool backends, CancellationToken cancellationToken)
    {
        await ExecuteAsync("SELECT pg_stat_statements_reset()", cancellationToken);
        var nodes = nodePids.Where(p => p > 0).ToList();
        await File.WriteAllTextAsync(Path.Combine(_directory, $"{phase}.pids.txt"), $"nodes {string.Join(',', nodes)}; postmaster {postmasterPid}\n", cancellationToken);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            List<int> pids = backends ? [.. nodes, postmasterPid, .. ProcessCpu.Children(postmasterPid)] : nodes;
            _perf = StartPerf(phase, attempt <= 3 ? ["-p", string.Join(',', pids)] : ["-a"]);
            await Task.Delay(500, cancellationToken); // perf needs a moment to attach before the load starts
            if (_perf is not { HasExited: true })
            {
                return;
            }

            _perf.Dispose();
            _perf = null;
        }
    }

    private Process? StartPerf(string phase, string[] target)
    {
        var info = new ProcessStartInfo("perf") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in (string[])["record", "-F", "999", "-g", "-o", Path.Combine(_directory, $"{phase}.perf.data"), .. target])
        {
            info.ArgumentList.Add(arg);
        }

        var perf = Process.Start(info);
        _ = perf?.StandardOutput.ReadToEndAsync();
        _ = perf?.StandardError.ReadToEndAsync();
        return perf;
    }

    /// <summary>Stops sampling and writes (and returns) the top statements by total execution time, per command (or per second when idle).</summary>
    public async Task<string> EndAsync(string phase, int commands, CancellationToken cancellationToken)
    {
        if (_perf is { HasExited: false } perf)
        {
            using var kill = Process.Start("kill", ["-INT", perf.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(cancellationToken);
            await perf.WaitForExitAsync(cancellationToken);
            perf.Dispose();
            _perf = null;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{phase}: pg_stat_statements over {commands} commands (or seconds; top 25 by total time; µs/cmd = total exec time per command)");
        text.AppendLine("   calls/cmd   µs/cmd   mean µs    rows/call  query");
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT calls, total_exec_time, rows, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var total = 0.0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var calls = reader.GetInt64(0);
            var ms = reader.GetDouble(1);
            total += ms;
            var query = reader.GetString(3);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{(double)calls / commands,11:F3} {ms * 1e3 / commands,8:F1} {ms * 1e3 / Math.Max(1, calls),9:F1} {(double)reader.GetInt64(2) / Math.Max(1, calls),10:F2}  {query[..Math.Min(query.Length, 220)]}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"top 25 together: {total * 1e3 / commands:F1} µs of statement time per command");
        var result = text.ToString();
        await File.WriteAllTextAsync(Path.Combine(_directory, $"{phase}.pg_stat_statements.txt"), result, cancellationToken);
        return result;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
