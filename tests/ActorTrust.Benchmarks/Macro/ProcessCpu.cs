using System.Globalization;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// CPU time used by a process from <c>/proc/&lt;pid&gt;/stat</c> (Linux): its own user + system time, plus the time of
/// children it has reaped and of children still running. For PostgreSQL's postmaster that covers every backend, the
/// ones that exited included. NaN where /proc is not available.
/// </summary>
internal static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the benchmark runs on

    /// <summary>CPU seconds of <paramref name="pid"/> and its children, so far.</summary>
    public static double TreeSeconds(int pid)
    {
        try
        {
            var own = Fields(pid);
            var total = own[11] + own[12] + own[13] + own[14]; // utime, stime, cutime, cstime
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child) && child != pid
                    && TryFields(child) is { } fields && fields[1] == pid)
                {
                    total += fields[11] + fields[12];
                }
            }

            return total / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    /// <summary>
    /// CPU seconds of the threads of <paramref name="pid"/> whose name starts with <paramref name="threadPrefix"/>
    /// (e.g. <c>.NET Tiered Com</c>, the runtime's background tiered-compilation thread), from <c>/proc/&lt;pid&gt;/task</c>.
    /// Only threads still running count. NaN where /proc is not available.
    /// </summary>
    public static double ThreadSeconds(int pid, string threadPrefix)
    {
        try
        {
            var total = 0L;
            foreach (var dir in Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task"))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var open = stat.IndexOf('(', StringComparison.Ordinal);
                    var close = stat.LastIndexOf(')');
                    if (stat[(open + 1)..close].StartsWith(threadPrefix, StringComparison.Ordinal))
                    {
                        var rest = stat[(close + 2)..].Split(' ');
                        total += long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
                    }
                }
                catch (IOException)
                {
                    // the thread exited meanwhile
                }
            }

            return total / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    /// <summary>The ids of the running children of <paramref name="pid"/>.</summary>
    public static List<int> Children(int pid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child) && child != pid
                && TryFields(child) is { } fields && fields[1] == pid)
            {
                children.Add(child);
            }
        }

        return children;
    }

    /// <summary>The postmaster's pid from the first line of <c>postmaster.pid</c> in <paramref name="dataDirectory"/>.</summary>
    public static int PostmasterPid(string dataDirectory) =>
        int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    private static long[]? TryFields(int pid)
    {
        try
        {
            return Fields(pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // exited meanwhile
        }
    }

    /// <summary>The numeric fields after the command name, re-indexed so that [1] is ppid and [11]..[14] the times (0-based from state).</summary>
    private static long[] Fields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return [.. rest.Take(15).Select((f, i) => i == 0 ? 0 : long.Parse(f, CultureInfo.InvariantCulture))]; // later fields can exceed a long
    }
}
