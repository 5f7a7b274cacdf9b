namespace ActorTrust.Persistence.PostgreSql;

// Session-claims nonces shared by the cluster (ops/sql/003_claims_nonces.sql): reserving one is a single
// INSERT … ON CONFLICT statement, so of two nodes presenting the same nonce at once exactly one gets the row.
public sealed partial class PostgreSqlClusterStore
{
    private long _nonceReservations;

    /// <summary>
    /// Reserves <paramref name="nonce"/> for <paramref name="peerKey"/> until <paramref name="expiresAt"/>: true when no node
    /// of this cluster holds it, or the holder's claims expired before <paramref name="now"/> (the row is taken over).
    /// <paramref name="now"/> is the admitting node's clock, the one its claims verification uses. Every 1024th call
    /// also deletes the cluster's expired nonces.
    /// </summary>
    public async Task<bool> TryReserveNonceAsync(string peerKey, string nonce, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(peerKey);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        if (Interlocked.Increment(ref _nonceReservations) % 1024 == 0)
        {
            await using var prune = Command("DELETE FROM claims_nonces WHERE cluster_id = $1 AND expires_at <= $2", ClusterId, now.ToUniversalTime());
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = Command("""
            INSERT INTO claims_nonces (cluster_id, peer_key, nonce, expires_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (cluster_id, peer_key, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
              WHERE claims_nonces.expires_at <= $5
            RETURNING 1
            """, ClusterId, peerKey, nonce, expiresAt.ToUniversalTime(), now.ToUniversalTime());
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
