using System.Diagnostics;
using ActorTrust.Runtime.Journal;
using Npgsql;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>Raw SQL against a test database, for arranging states and checking what the stores wrote.</summary>
internal static class Db
{
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(connectionString);
        return await ExecuteAsync(connection, sql, parameters);
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Writes a stand-in event at <paramref name="seqNr"/> of <paramref name="persistenceId"/> as another writer would
    /// (its position reserved first); inside an open transaction it holds that (persistence_id, seq_nr) key until the end.
    /// </summary>
    public static Task<int> InsertRawEventAsync(NpgsqlConnection connection, string persistenceId, long seqNr) => ExecuteAsync(connection, """
        INSERT INTO journal (global_pos, persistence_id, kind, seq_nr, event_type, payload, timestamp, writer_node, writer_token, command_id, prev_hash, hash)
        SELECT journal_reserve_positions(1), $1, $2, $3, 't', '\x00', now(), 'raw', 0, 'c', decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex')
        """, persistenceId, PersistenceIds.KindOf(persistenceId), seqNr);

    /// <inheritdoc cref="InsertRawEventAsync(NpgsqlConnection, string, long)"/>
    public static async Task<int> InsertRawEventAsync(string connectionString, string persistenceId, long seqNr)
    {
        await using var connection = await OpenAsync(connectionString);
        return await InsertRawEventAsync(connection, persistenceId, seqNr);
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits (up to 30 s) until some backend runs a statement starting with <paramref name="queryPrefix"/> and waits on a lock.</summary>
    public static async Task WaitUntilBlockedOnLockAsync(string connectionString, string queryPrefix)
    {
        var deadline = Stopwatch.StartNew();
        while (await ScalarAsync<long>(connectionString,
                   "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND ltrim(query) LIKE $1",
                   queryPrefix + "%") == 0)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"no backend blocked on a lock running '{queryPrefix}…' within 30 s");
            }

            await Task.Delay(10); // poll pacing inside a deadline loop
        }
    }

    /// <summary>Expires a lease row in database time (as if its ttl ran out <paramref name="ago"/> ago).</summary>
    public static Task ExpireLeaseAsync(string connectionString, string kind, int shard, TimeSpan ago) => ExecuteAsync(connectionString,
        "UPDATE shard_leases SET lease_expires_at = clock_timestamp() - $3 WHERE kind = $1 AND shard = $2", kind, shard, ago);
}
