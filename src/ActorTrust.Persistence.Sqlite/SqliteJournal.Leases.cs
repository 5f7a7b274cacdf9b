using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Persistence.Sqlite;

/// <summary>Embedded-mode fencing tokens, kept in <c>shard_leases</c> and written through the writer connection.</summary>
public sealed partial class SqliteJournal : IEmbeddedLeaseStore
{
    /// <inheritdoc />
    public Task<int> ClaimAllLeasesAsync(string nodeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        return WriteAsync(writer =>
        {
            using var transaction = writer.BeginTransaction(deferred: false);
            using var command = writer.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE shard_leases SET fencing_token = fencing_token + 1, owner_node = $node;";
            command.Parameters.AddWithValue("$node", nodeId);
            var claimed = command.ExecuteNonQuery();
            transaction.Commit();
            return claimed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> AcquireLeaseAsync(string kind, int shard, string nodeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        return WriteAsync(writer =>
        {
            using var transaction = writer.BeginTransaction(deferred: false);
            using var command = writer.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO shard_leases (kind, shard, owner_node, fencing_token) VALUES ($kind, $shard, $node, 1)
                  ON CONFLICT (kind, shard) DO UPDATE SET owner_node = excluded.owner_node, fencing_token = fencing_token + 1
                  WHERE owner_node <> excluded.owner_node;
                SELECT fencing_token FROM shard_leases WHERE kind = $kind AND shard = $shard;
                """;
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$shard", shard);
            command.Parameters.AddWithValue("$node", nodeId);
            var token = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            transaction.Commit();
            return token;
        }, cancellationToken);
    }
}
