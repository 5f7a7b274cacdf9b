using System.Diagnostics;
using System.Globalization;

namespace ActorTrust.TestKit.Postgres;

/// <summary>
/// Finds the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>) on this machine:
/// the directory <c>pg_config --bindir</c> names, else the newest <c>/usr/lib/postgresql/*/bin</c>.
/// </summary>
public static class PostgresBinaries
{
    private static readonly Lazy<(string? Directory, string? Problem)> Found = new(Locate);

    /// <summary>The directory holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>, or null when none was found.</summary>
    public static string? Directory => Found.Value.Directory;

    /// <summary>Why no binaries were found (null when they were).</summary>
    public static string? Problem => Found.Value.Problem;

    /// <summary>True when the test run is a CI run (<c>CI=true</c>): a missing server is then a failure, never a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why PostgreSQL tests should be skipped: the binaries are missing and this is not a CI run. Null when the
    /// tests must run (binaries present, or CI, where starting the server then fails with <see cref="Problem"/>).
    /// </summary>
    public static string? SkipReason => Problem is not null && !IsCi ? $"PostgreSQL tests skipped: {Problem}" : null;

    private static (string?, string?) Locate()
    {
        var fromPgConfig = BinDirFromPgConfig();
        if (fromPgConfig is not null && HasServerBinaries(fromPgConfig))
        {
            return (fromPgConfig, null);
        }

        const string Root = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(Root))
        {
            var newest = System.IO.Directory.GetDirectories(Root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(d => HasServerBinaries(d.Dir))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Dir)
                .FirstOrDefault();
            if (newest is not null)
            {
                return (newest, null);
            }
        }

        return (null, "no PostgreSQL server binaries (initdb, pg_ctl, postgres) found via `pg_config --bindir` or under /usr/lib/postgresql/*/bin; install postgresql (e.g. apt-get install postgresql-15)");
    }

    private static bool HasServerBinaries(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")) && File.Exists(Path.Combine(directory, "postgres"));

    private static string? BinDirFromPgConfig()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed
        }
    }
}
