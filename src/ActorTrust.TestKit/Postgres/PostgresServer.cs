using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ActorTrust.TestKit.Network;
using Npgsql;

namespace ActorTrust.TestKit.Postgres;

/// <summary>
/// A throw-away PostgreSQL server for tests: <c>initdb</c> into a fresh temporary directory, <c>postgres</c>
/// listening on a free loopback TCP port (its unix socket inside that directory), databases created on demand,
/// and on dispose <c>pg_ctl stop -m fast</c> and the directory deleted. Start one per test assembly (an xunit
/// collection fixture) and one database per test class.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root; when the test process is root, every server command runs as the
/// <c>postgres</c> user through <c>runuser -u postgres --</c> and the directory is handed to that user.
/// Durability settings stay production-like (<c>fsync</c> on, <c>synchronous_commit</c> on).
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly string _binDirectory;
    private readonly bool _asPostgresUser;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _extraSettings;
    private int _disposed;

    private PostgresServer(string binDirectory, string rootDirectory, int port, bool asPostgresUser, IReadOnlyList<KeyValuePair<string, string>> extraSettings)
    {
        _binDirectory = binDirectory;
        RootDirectory = rootDirectory;
        Port = port;
        _asPostgresUser = asPostgresUser;
        _extraSettings = extraSettings;
    }

    /// <summary>The temporary directory holding the data directory, the socket and the server log.</summary>
    public string RootDirectory { get; }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The server's data directory.</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>The server log (read it when a test needs to know why the server failed).</summary>
    public string LogFile => Path.Combine(RootDirectory, "server.log");

    /// <summary>A connection string to the <c>postgres</c> maintenance database as the superuser.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    /// <summary>
    /// Initialises and starts a server and waits (polling a connection, up to 60 s) until it accepts connections.
    /// </summary>
    /// <exception cref="InvalidOperationException">No PostgreSQL binaries are installed, or the server did not start (the message includes its log).</exception>
    public static Task<PostgresServer> StartAsync(CancellationToken cancellationToken) => StartAsync([], cancellationToken);

    /// <summary>
    /// Starts a server as <see cref="StartAsync(CancellationToken)"/> does, with extra server settings (<c>-c name=value</c>,
    /// after the defaults, so they win): for profiling, e.g. <c>shared_preload_libraries=pg_stat_statements</c>. The
    /// durability settings <c>fsync</c> and <c>synchronous_commit</c> cannot be changed.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A setting's name is not a plain lower-case identifier (dots allowed), its value is empty or holds a space, quote or
    /// backslash, or it names <c>fsync</c> or <c>synchronous_commit</c>; nothing is started.
    /// </exception>
    /// <exception cref="InvalidOperationException">No PostgreSQL binaries are installed, or the server did not start (the message includes its log).</exception>
    public static async Task<PostgresServer> StartAsync(IEnumerable<KeyValuePair<string, string>> extraSettings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extraSettings);
        var settings = extraSettings.ToList();
        foreach (var (name, value) in settings)
        {
            CheckSetting(name, value);
        }

        var binaries = PostgresBinaries.Directory ?? throw new InvalidOperationException(PostgresBinaries.Problem);
        var asPostgresUser = Environment.UserName == "root"; // Environment.UserName is the effective user (geteuid)
        var root = Directory.CreateTempSubdirectory("actortrust-pg-").FullName;
        PostgresServer? server = null;
        try
        {
            if (asPostgresUser)
            {
                await RunAsync("chown", ["-R", $"{Superuser}:{Superuser}", root], cancellationToken);
            }

            server = new PostgresServer(binaries, root, LoopbackPorts.Free(), asPostgresUser, settings);
            await server.RunServerToolAsync("initdb",
                ["-D", server.DataDirectory, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
                cancellationToken);

            // The port is chosen free, but another process (a test's listener, another server) may bind it before the
            // postmaster does: then the postmaster exits at once and the server starts again on another free port.
            for (var attempt = 1; ; attempt++)
            {
                server.Port = LoopbackPorts.Free();
                var logFrom = server.LogLength();
                await server.RunServerToolAsync("pg_ctl", ["start", "-W", "-D", server.DataDirectory, "-l", server.LogFile, "-o", server.ServerOptions()],
                    cancellationToken);
                if (await server.WaitUntilReadyAsync(logFrom, cancellationToken) || attempt == 5)
                {
                    break;
                }
            }

            return server;
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            else
            {
                Directory.Delete(root, recursive: true);
            }

            throw;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> on this server as the superuser.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        Timeout = 30,
        CommandTimeout = 60,
    }.ConnectionString;

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a plain lower-case identifier.</exception>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 63 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') || char.IsDigit(name[0]))
        {
            throw new ArgumentException($"database name '{name}' must be 1-63 characters of a-z, 0-9 and _, not starting with a digit", nameof(name));
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunServerToolAsync("pg_ctl", ["stop", "-m", "fast", "-w", "-D", DataDirectory], CancellationToken.None);
            }
        }
        finally
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
    }

    private static void CheckSetting(string name, string value)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 63 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.')
            || !char.IsAsciiLetterLower(name[0]))
        {
            throw new ArgumentException($"server setting name '{name}' must be 1-63 characters of a-z, 0-9, _ and ., starting with a letter", nameof(name));
        }

        if (name is "fsync" or "synchronous_commit")
        {
            throw new ArgumentException($"server setting '{name}' cannot be changed: the throw-away server keeps production durability", nameof(name));
        }

        if (string.IsNullOrEmpty(value) || value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\'))
        {
            throw new ArgumentException($"server setting {name} needs a value without spaces, quotes or backslashes, got '{value}'", nameof(value));
        }
    }

    private string ServerOptions() => string.Join(' ', BaseOptions().Concat(_extraSettings.Select(s => $"-c {s.Key}={s.Value}")));

    private IEnumerable<string> BaseOptions() =>
    [
        "-c listen_addresses=127.0.0.1",
        string.Create(CultureInfo.InvariantCulture, $"-c port={Port}"),
        $"-c unix_socket_directories={RootDirectory}",
        "-c fsync=on",
        "-c synchronous_commit=on",
        "-c max_connections=300",
        "-c shared_buffers=128MB",
        "-c wal_level=minimal",
        "-c max_wal_senders=0",
        "-c deadlock_timeout=200ms",
    ];

    private long LogLength() => File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;

    // True when the server accepts connections; false when its port was taken (the postmaster gave up); throws after the timeout.
    private async Task<bool> WaitUntilReadyAsync(long logFrom, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        Exception? last = null;
        while (deadline.Elapsed < ReadyTimeout)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                last = e;
                if (PortTakenSince(logFrom))
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken); // retry pacing inside a deadline loop
            }
        }

        throw new InvalidOperationException(
            $"PostgreSQL on port {Port} was not ready after {ReadyTimeout.TotalSeconds:0} s ({last?.Message}); server log:\n{ReadLog()}");
    }

    private bool PortTakenSince(long logFrom)
    {
        var log = ReadLog();
        return logFrom < log.Length
            && log[(int)Math.Min(logFrom, log.Length)..].Contains("could not create any TCP/IP sockets", StringComparison.Ordinal);
    }

    private string ReadLog()
    {
        try
        {
            return File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log)";
        }
        catch (IOException e)
        {
            return $"(log unreadable: {e.Message})";
        }
    }

    private Task RunServerToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return _asPostgresUser
            ? RunAsync("runuser", ["-u", Superuser, "--", executable, .. arguments], cancellationToken)
            : RunAsync(executable, arguments, cancellationToken);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{fileName} {string.Join(' ', arguments)}` exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {output}");
        }
    }

}
