using System.Globalization;
using System.Reflection;
using Npgsql;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>
/// Applies the versioned scripts of <c>ops/sql</c> (embedded as <c>sql/NNN_name.sql</c>) in one transaction under
/// a transaction-level advisory lock, so two nodes starting at once apply each script exactly once. The
/// <c>schema_version</c> row says which scripts ran; a database newer than this build is refused.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>Key of the advisory lock held while the schema is checked or migrated.</summary>
    private const long MigrationLockKey = 7245839120610;

    private static readonly Lazy<IReadOnlyList<(int Version, string Name, string Sql)>> Scripts = new(LoadScripts);

    /// <summary>The schema version this build writes and reads (the highest embedded script).</summary>
    public static int CurrentVersion => Scripts.Value[^1].Version;

    /// <summary>
    /// Checks, without writing anything, that the database holds this build's schema (for readers such as an auditor).
    /// </summary>
    /// <exception cref="InvalidOperationException">No ActorTrust schema, or one older or newer than this build.</exception>
    public static async Task CheckAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL;", connection);
        var found = 0;
        if (await exists.ExecuteScalarAsync(cancellationToken) is true)
        {
            await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version;", connection);
            found = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        if (found != CurrentVersion)
        {
            throw new InvalidOperationException(found == 0
                ? "this PostgreSQL database holds no ActorTrust journal (nothing was read or written)"
                : $"the PostgreSQL database has ActorTrust schema version {found}, this build reads version {CurrentVersion}; use a matching build (a node of this build migrates it on start)");
        }
    }

    /// <summary>Creates or migrates the schema; returns the version found before migrating.</summary>
    /// <exception cref="InvalidOperationException">The database is newer than this build.</exception>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({MigrationLockKey});"), cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_version (
              id      integer PRIMARY KEY CHECK (id = 1),
              version integer NOT NULL);
            INSERT INTO schema_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
            """, cancellationToken);
        await using var read = new NpgsqlCommand("SELECT version FROM schema_version WHERE id = 1;", connection);
        var found = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (found > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"the PostgreSQL database has ActorTrust schema version {found}, newer than this build supports ({CurrentVersion}); upgrade ActorTrust before connecting it to this database");
        }

        foreach (var (version, name, sql) in Scripts.Value.Where(s => s.Version > found))
        {
            try
            {
                await ExecuteAsync(connection, sql, cancellationToken);
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException($"schema script {name} failed: {e.MessageText}", e);
            }

            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"UPDATE schema_version SET version = {version} WHERE id = 1;"), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return found;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Embedded scripts <c>sql/NNN_name.sql</c>, ordered; versions must run 1, 2, 3... without gaps.</summary>
    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = typeof(PostgreSqlSchema).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("sql/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n.AsSpan(4, 3), NumberStyles.None, CultureInfo.InvariantCulture), Name: n[4..], Sql: Read(assembly, n)))
            .OrderBy(s => s.Version)
            .ToList();
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException($"embedded schema scripts must be numbered 001, 002, ... without gaps; found {scripts[i].Name} at position {i + 1}");
            }
        }

        return scripts;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded schema script {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
