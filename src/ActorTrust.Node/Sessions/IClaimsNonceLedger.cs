using ActorTrust.Persistence.PostgreSql;

namespace ActorTrust.Node.Sessions;

/// <summary>
/// Where a node reserves session-claims nonces before admission. An embedded node keeps them in memory
/// (<see cref="NonceLedger"/>, rebuilt from the journal at start); a clustered node shares them with every other node
/// through the cluster store (<see cref="SharedNonceLedger"/>), so a bundle admitted by one node is a replay on all.
/// </summary>
public interface IClaimsNonceLedger
{
    /// <summary>Reserves <paramref name="nonce"/> for <paramref name="peerKey"/>; false when it was already seen and is not yet expired.</summary>
    ValueTask<bool> TryReserveAsync(string peerKey, string nonce, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The cluster's nonce ledger: one row per nonce in PostgreSQL, reserved by a single atomic statement.</summary>
internal sealed class SharedNonceLedger(PostgreSqlClusterStore store) : IClaimsNonceLedger
{
    public async ValueTask<bool> TryReserveAsync(string peerKey, string nonce, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        await store.TryReserveNonceAsync(peerKey, nonce, expiresAt, now, cancellationToken);
}
