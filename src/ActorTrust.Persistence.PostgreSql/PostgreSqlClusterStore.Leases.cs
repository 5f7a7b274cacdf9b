using ActorTrust.Runtime.Cluster;
using Npgsql;
using NpgsqlTypes;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>Shard leases: single compare-and-set statements timed by <c>clock_timestamp()</c>.</summary>
public sealed partial class PostgreSqlClusterStore
{
    /// <summary>The shard function recorded with every registered kind (I10: frozen per kind).</summary>
    public const string HashFunction = "xxh32-mod-v1";

    /// <summary>At most this many leases are renewed by one statement of <see cref="TryRenewManyAsync"/>.</summary>
    private const int RenewChunk = 256;

    /// <inheritdoc />
    public async Task RegisterKindAsync(string kind, int numShards, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numShards);
        if (kind.Contains('|', StringComparison.Ordinal) || kind.StartsWith("__", StringComparison.Ordinal))
        {
            throw new ArgumentException($"entity kind '{kind}' must not contain '|' or start with '__' (reserved)", nameof(kind));
        }

        EnsureReady();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var register = new NpgsqlCommand("""
            INSERT INTO entity_types (kind, num_shards, hash_fn) VALUES ($1, $2, $3) ON CONFLICT (kind) DO NOTHING;
            """, connection))
        {
            AddParameters(register, [kind, numShards, HashFunction]);
            await register.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var read = new NpgsqlCommand("SELECT num_shards, hash_fn FROM entity_types WHERE kind = $1 FOR SHARE", connection))
        {
            AddParameters(read, [kind]);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (registered, hashFn) = (reader.GetInt32(0), reader.GetString(1));
            if (registered != numShards || hashFn != HashFunction)
            {
                throw new InvalidOperationException(
                    $"entity kind '{kind}' is registered with {registered} shards ({hashFn}); it cannot be registered with {numShards} ({HashFunction}): the shard of an entity must never change (I10)");
            }
        }

        await using (var rows = new NpgsqlCommand("""
            INSERT INTO shard_leases (kind, shard) SELECT $1, s FROM generate_series(0, $2 - 1) AS s
            ON CONFLICT (kind, shard) DO NOTHING
            """, connection))
        {
            AddParameters(rows, [kind, numShards]);
            await rows.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<LeaseGrant?> TryAcquireAsync(
        string kind, int shard, string node, TimeSpan ttl, TimeSpan desiredOwnerGrace, CancellationToken cancellationToken)
    {
        CheckLease(kind, shard, node);
        CheckPositive(ttl, nameof(ttl));
        ArgumentOutOfRangeException.ThrowIfLessThan(desiredOwnerGrace, TimeSpan.Zero);
        await using var command = Command("""
            UPDATE shard_leases
               SET owner_node = $3, fencing_token = fencing_token + 1, lease_expires_at = clock_timestamp() + $4,
                   desired_owner = NULL, updated_at = clock_timestamp()
             WHERE kind = $1 AND shard = $2
               AND (owner_node IS NULL OR lease_expires_at < clock_timestamp())
               AND (desired_owner IS NULL OR desired_owner = $3 OR lease_expires_at < clock_timestamp() - $5)
            RETURNING kind, shard, fencing_token, lease_expires_at, desired_owner
            """, kind, shard, node, ttl, desiredOwnerGrace);
        return await ReadGrantAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<LeaseGrant?> TryRenewAsync(string kind, int shard, string node, long token, TimeSpan ttl, CancellationToken cancellationToken)
    {
        CheckLease(kind, shard, node);
        CheckPositive(ttl, nameof(ttl));
        await using var command = Command("""
            UPDATE shard_leases SET lease_expires_at = clock_timestamp() + $5, updated_at = clock_timestamp()
             WHERE kind = $1 AND shard = $2 AND owner_node = $3 AND fencing_token = $4
            RETURNING kind, shard, fencing_token, lease_expires_at, desired_owner
            """, kind, shard, node, token, ttl);
        return await ReadGrantAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One statement per <see cref="RenewChunk"/> leases. It locks the rows it renews in (kind, shard) order
    /// before it updates any: journal appends (ops/sql/004, 006) lock their batch's lease rows <c>FOR SHARE</c> in
    /// that same order, and <c>FOR SHARE</c> conflicts with the row lock an update takes. Were the renewal to lock
    /// in another order (a plain <c>UPDATE … FROM unnest(…)</c> locks rows in whatever order its join yields), it
    /// could hold shard 2 and wait for shard 1 while an append holds shard 1 and waits for shard 2: a deadlock,
    /// which PostgreSQL breaks only after <c>deadlock_timeout</c> by failing one of the two. With one order for
    /// everyone, whoever holds the lower row can always go on. A row whose owner or token changed while the lock
    /// was awaited is re-checked on its newest version and skipped (lost), as in <see cref="TryRenewAsync"/>.
    /// </remarks>
    public async Task<IReadOnlyList<LeaseGrant?>> TryRenewManyAsync(
        string node, IReadOnlyList<(string Kind, int Shard, long Token)> leases, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ClusterLeaseStore.CheckRenewals(node, leases, ttl);
        EnsureReady();
        var grants = new LeaseGrant?[leases.Count];
        for (var start = 0; start < leases.Count; start += RenewChunk)
        {
            var count = Math.Min(RenewChunk, leases.Count - start);
            var kinds = new string[count];
            var shards = new int[count];
            var tokens = new long[count];
            var index = new Dictionary<(string, int), int>(count);
            for (var i = 0; i < count; i++)
            {
                (kinds[i], shards[i], tokens[i]) = leases[start + i];
                index[(kinds[i], shards[i])] = start + i;
            }

            await using var command = Command("""
                WITH locked AS MATERIALIZED (
                  SELECT l.kind, l.shard
                    FROM shard_leases AS l
                    JOIN unnest($2::text[], $3::integer[], $4::bigint[]) AS w(kind, shard, token)
                      ON l.kind = w.kind AND l.shard = w.shard AND l.fencing_token = w.token
                   WHERE l.owner_node = $1
                   ORDER BY l.kind, l.shard
                     FOR NO KEY UPDATE OF l)
                UPDATE shard_leases AS l SET lease_expires_at = clock_timestamp() + $5, updated_at = clock_timestamp()
                  FROM locked
                 WHERE l.kind = locked.kind AND l.shard = locked.shard
                RETURNING l.kind, l.shard, l.fencing_token, l.lease_expires_at, l.desired_owner
                """, node, kinds, shards, tokens, ttl);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var grant = new LeaseGrant(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), ReadTime(reader, 3), reader.IsDBNull(4) ? null : reader.GetString(4));
                grants[index[(grant.Kind, grant.Shard)]] = grant;
            }
        }

        return grants;
    }

    /// <inheritdoc />
    /// <remarks>The token stays: the next acquire moves it up. The desired-owner hint stays too, so for the grace period only the hinted node takes the shard.</remarks>
    public async Task<bool> ReleaseAsync(string kind, int shard, string node, long token, CancellationToken cancellationToken)
    {
        CheckLease(kind, shard, node);
        await using var command = Command("""
            UPDATE shard_leases SET owner_node = NULL, lease_expires_at = clock_timestamp(), updated_at = clock_timestamp()
             WHERE kind = $1 AND shard = $2 AND owner_node = $3 AND fencing_token = $4
            """, kind, shard, node, token);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The coordinator row is locked <c>FOR SHARE</c> while the hint is written, so a coordinator takeover either
    /// waits for this write or is seen by it; the hint lands only under the token the caller holds.
    /// </remarks>
    public async Task<bool> SetDesiredOwnerAsync(
        string kind, int shard, string? desiredOwner, string coordinator, long coordinatorToken, CancellationToken cancellationToken)
    {
        CheckLease(kind, shard, coordinator);
        EnsureReady();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var check = new NpgsqlCommand("""
            SELECT 1 FROM shard_leases WHERE kind = $1 AND shard = 0 AND owner_node = $2 AND fencing_token = $3 FOR SHARE
            """, connection))
        {
            AddParameters(check, [ClusterLeaseStore.CoordinatorKind, coordinator, coordinatorToken]);
            if (await check.ExecuteScalarAsync(cancellationToken) is null)
            {
                return false;
            }
        }

        await using var update = new NpgsqlCommand("""
            UPDATE shard_leases SET desired_owner = $3, updated_at = clock_timestamp() WHERE kind = $1 AND shard = $2
            """, connection);
        AddParameters(update, [kind, shard]);
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)desiredOwner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var updated = await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return updated == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LeaseRow>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("""
            SELECT kind, shard, owner_node, fencing_token, lease_expires_at, desired_owner
              FROM shard_leases ORDER BY kind COLLATE "C", shard
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<LeaseRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new LeaseRow(reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3),
                ReadTime(reader, 4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> ReadKindsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT kind, num_shards FROM entity_types WHERE kind <> $1", ClusterLeaseStore.CoordinatorKind);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            kinds[reader.GetString(0)] = reader.GetInt32(1);
        }

        return kinds;
    }

    private static async Task<LeaseGrant?> ReadGrantAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LeaseGrant(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), ReadTime(reader, 3), reader.IsDBNull(4) ? null : reader.GetString(4))
            : null;
    }

    /// <summary>A timestamptz as UTC; <c>-infinity</c> (a lease row never taken) reads as <see cref="DateTimeOffset.MinValue"/>.</summary>
    private static DateTimeOffset ReadTime(NpgsqlDataReader reader, int ordinal)
    {
        var utc = reader.GetFieldValue<DateTime>(ordinal);
        return utc == DateTime.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }

    private static void CheckLease(string kind, int shard, string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentException.ThrowIfNullOrEmpty(node);
    }

    private static void CheckPositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
        }
    }
}
