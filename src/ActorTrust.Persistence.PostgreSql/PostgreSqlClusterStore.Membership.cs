using System.Data;
using System.Text.Json;
using ActorTrust.Runtime.Cluster;
using Npgsql;
using NpgsqlTypes;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>
/// Membership (Orleans' protocol): a status or vote change is written with a compare-and-set of the
/// <c>cluster_version</c> row in one transaction; I-am-alive is a plain update that leaves the version alone.
/// </summary>
public sealed partial class PostgreSqlClusterStore
{
    /// <inheritdoc />
    public async Task<MembershipSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        EnsureReady();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the version and the rows, so they always belong together.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var version = new NpgsqlCommand("SELECT version FROM cluster_version WHERE cluster_id = $1", connection);
        AddParameters(version, [ClusterId]);
        var current = (long)(await version.ExecuteScalarAsync(cancellationToken))!;

        await using var members = new NpgsqlCommand("""
            SELECT node_id, incarnation, address, status, suspect_votes, app_version, started_at, i_am_alive_at,
                   attestation_certificate, attestation_signature
              FROM cluster_members WHERE cluster_id = $1 ORDER BY node_id COLLATE "C", incarnation
            """, connection);
        AddParameters(members, [ClusterId]);
        var rows = new List<MemberRow>();
        await using (var reader = await members.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(ReadMember(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new MembershipSnapshot(current, rows);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A new row's <c>started_at</c> and <c>i_am_alive_at</c> are stamped with database time (the row's own values
    /// are not used); an existing row keeps them — only <see cref="UpdateIAmAliveAsync"/> moves I-am-alive.
    /// </remarks>
    public async Task<bool> TryWriteAsync(MemberRow row, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(row.Node);
        ArgumentException.ThrowIfNullOrEmpty(row.Address);
        ArgumentNullException.ThrowIfNull(row.SuspectVotes);
        ArgumentNullException.ThrowIfNull(row.AppVersion);
        if (!Enum.IsDefined(row.Status))
        {
            throw new ArgumentException($"member status {(int)row.Status} is not defined", nameof(row));
        }

        EnsureReady();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var cas = new NpgsqlCommand("""
            UPDATE cluster_version SET version = version + 1, updated_at = clock_timestamp() WHERE cluster_id = $1 AND version = $2
            """, connection))
        {
            AddParameters(cas, [ClusterId, expectedVersion]);
            if (await cas.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return false; // another writer moved the version first: re-read and retry
            }
        }

        // The version row is now locked by this transaction, so the member row cannot change under this check.
        await using (var existing = new NpgsqlCommand("""
            SELECT status FROM cluster_members WHERE cluster_id = $1 AND node_id = $2 AND incarnation = $3
            """, connection))
        {
            AddParameters(existing, [ClusterId, row.Node.Endpoint, row.Node.Incarnation]);
            if (await existing.ExecuteScalarAsync(cancellationToken) is short status
                && status == (short)MemberStatus.Dead && row.Status != MemberStatus.Dead)
            {
                return false; // I8: a dead incarnation never comes back (rolled back: the version is unchanged)
            }
        }

        await using var upsert = new NpgsqlCommand("""
            INSERT INTO cluster_members (cluster_id, node_id, incarnation, address, status, suspect_votes, app_version, started_at, i_am_alive_at,
                                         attestation_certificate, attestation_signature)
            VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp(), clock_timestamp(), $8, $9)
            ON CONFLICT (cluster_id, node_id, incarnation) DO UPDATE
               SET address = excluded.address, status = excluded.status, suspect_votes = excluded.suspect_votes,
                   app_version = excluded.app_version,
                   attestation_certificate = coalesce(excluded.attestation_certificate, cluster_members.attestation_certificate),
                   attestation_signature = coalesce(excluded.attestation_signature, cluster_members.attestation_signature)
            """, connection);
        AddParameters(upsert, [ClusterId, row.Node.Endpoint, row.Node.Incarnation, row.Address, (short)row.Status]);
        upsert.Parameters.Add(new NpgsqlParameter { Value = WriteVotes(row.SuspectVotes), NpgsqlDbType = NpgsqlDbType.Jsonb });
        upsert.Parameters.Add(new NpgsqlParameter { Value = row.AppVersion });
        // A node that rewrites another's row (a vote, Dead) sends no attestation: the member's own one is kept.
        upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.Attestation?.Certificate ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
        upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.Attestation?.Signature ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task UpdateIAmAliveAsync(NodeId node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        await using var command = Command("""
            UPDATE cluster_members SET i_am_alive_at = clock_timestamp() WHERE cluster_id = $1 AND node_id = $2 AND incarnation = $3
            """, ClusterId, node.Endpoint, node.Incarnation);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"node {node} is not a member of cluster '{ClusterId}'; write its row before stamping I-am-alive");
        }
    }

    private static MemberRow ReadMember(NpgsqlDataReader reader)
    {
        var endpoint = reader.GetString(0);
        var colon = endpoint.LastIndexOf(':');
        var node = new NodeId(endpoint[..colon], int.Parse(endpoint.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture), reader.GetInt64(1));
        return new MemberRow(
            node,
            reader.GetString(2),
            (MemberStatus)reader.GetInt16(3),
            ReadVotes(reader.GetString(4)),
            reader.GetString(5),
            reader.GetFieldValue<DateTimeOffset>(6),
            reader.GetFieldValue<DateTimeOffset>(7))
        {
            Attestation = reader.IsDBNull(8) || reader.IsDBNull(9) ? null : new MemberAttestation(reader.GetFieldValue<byte[]>(8), reader.GetFieldValue<byte[]>(9)),
        };
    }

    private static string WriteVotes(IReadOnlyList<SuspectVote> votes) =>
        JsonSerializer.Serialize(votes.Select(v => new VoteJson(v.Voter, v.At.ToUniversalTime())).ToArray(), VoteJsonContext.Default.VoteJsonArray);

    private static List<SuspectVote> ReadVotes(string json) =>
        (JsonSerializer.Deserialize(json, VoteJsonContext.Default.VoteJsonArray) ?? []).Select(v => new SuspectVote(v.Voter, v.At)).ToList();
}
