using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ActorTrust.Persistence.Sqlite;

/// <summary>
/// The journal's tables and their migrations. <c>schema_version</c> holds one row; each migration moves it
/// up by one inside the same transaction as its DDL, and a database newer than <see cref="CurrentVersion"/>
/// is refused rather than written to.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    private static readonly string[] Migrations =
    [
        // 0 -> 1: journal, snapshots, embedded shard leases.
        """
        CREATE TABLE journal (
          global_pos     INTEGER PRIMARY KEY AUTOINCREMENT,
          persistence_id TEXT    NOT NULL,
          kind           TEXT    NOT NULL,
          seq_nr         INTEGER NOT NULL CHECK (seq_nr > 0),
          event_type     TEXT    NOT NULL,
          payload        BLOB    NOT NULL,
          timestamp_ms   INTEGER NOT NULL,
          writer_node    TEXT    NOT NULL,
          writer_token   INTEGER NOT NULL,
          command_id     TEXT    NOT NULL,
          prev_hash      BLOB    NOT NULL CHECK (length(prev_hash) = 32),
          hash           BLOB    NOT NULL CHECK (length(hash) = 32),
          UNIQUE (persistence_id, seq_nr));
        CREATE INDEX journal_kind_pos ON journal (kind, global_pos);
        CREATE TABLE snapshots (
          persistence_id TEXT    NOT NULL,
          seq_nr         INTEGER NOT NULL CHECK (seq_nr > 0),
          hash           BLOB    NOT NULL CHECK (length(hash) = 32),
          writer_token   INTEGER NOT NULL,
          state_type     TEXT    NOT NULL,
          payload        BLOB    NOT NULL,
          created_at_ms  INTEGER NOT NULL,
          PRIMARY KEY (persistence_id, seq_nr));
        CREATE TABLE shard_leases (
          kind           TEXT    NOT NULL,
          shard          INTEGER NOT NULL CHECK (shard >= 0),
          owner_node     TEXT    NOT NULL,
          fencing_token  INTEGER NOT NULL,
          PRIMARY KEY (kind, shard));
        """,
    ];

    /// <summary>Creates or migrates the schema on <paramref name="connection"/>; returns the version found.</summary>
    /// <exception cref="InvalidOperationException">The database is newer than this build.</exception>
    public static long Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_version (
              id      INTEGER PRIMARY KEY CHECK (id = 1),
              version INTEGER NOT NULL);
            INSERT OR IGNORE INTO schema_version (id, version) VALUES (1, 0);
            """);
        var found = ReadVersion(connection, transaction);
        if (found > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"journal schema version {found} is newer than this build supports ({CurrentVersion}); upgrade ActorTrust to open this database");
        }

        for (var version = (int)found; version < CurrentVersion; version++)
        {
            Execute(connection, transaction, Migrations[version]);
            Execute(connection, transaction,
                string.Create(CultureInfo.InvariantCulture, $"UPDATE schema_version SET version = {version + 1} WHERE id = 1;"));
        }

        transaction.Commit();
        return found;
    }

    private static long ReadVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM schema_version WHERE id = 1;";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
