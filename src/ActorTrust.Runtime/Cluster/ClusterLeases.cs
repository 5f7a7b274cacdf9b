namespace ActorTrust.Runtime.Cluster;

/// <summary>One row of the shard lease table (engines.md §8.4.1).</summary>
/// <param name="Kind">Entity kind, or <see cref="ClusterLeaseStore.CoordinatorKind"/>.</param>
/// <param name="Shard">Shard number.</param>
/// <param name="Owner">Holder (<c>host:port:incarnation</c>), or null.</param>
/// <param name="Token">Fencing token; grows by one on every change of owner (I1).</param>
/// <param name="ExpiresAt">Lease expiry in database time.</param>
/// <param name="DesiredOwner">The rebalancer's hint, or null. Only a hint: it never grants anything.</param>
public sealed record LeaseRow(string Kind, int Shard, string? Owner, long Token, DateTimeOffset ExpiresAt, string? DesiredOwner);

/// <summary>A lease this node holds after an acquire or renew.</summary>
/// <param name="Kind">Entity kind.</param>
/// <param name="Shard">Shard number.</param>
/// <param name="Token">Fencing token to write with.</param>
/// <param name="ExpiresAt">Expiry in database time.</param>
/// <param name="DesiredOwner">The rebalancer's hint at the time of the call (a renew tells the holder to hand off).</param>
public sealed record LeaseGrant(string Kind, int Shard, long Token, DateTimeOffset ExpiresAt, string? DesiredOwner);

/// <summary>Names shared by every lease store.</summary>
public static class ClusterLeaseStore
{
    /// <summary>The kind of the coordinator lease row (shard 0); its holder runs the rebalancer.</summary>
    public const string CoordinatorKind = "__coordinator__";

    /// <summary>
    /// Checks the arguments of <see cref="IClusterLeaseStore.TryRenewManyAsync"/> before any store is touched:
    /// a node, a positive ttl, and leases each with a kind and a shard of zero or more, none listed twice.
    /// </summary>
    /// <exception cref="ArgumentException">An argument is malformed (the message names the lease).</exception>
    public static void CheckRenewals(string node, IReadOnlyList<(string Kind, int Shard, long Token)> leases, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(leases);
        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "ttl must be positive");
        }

        var seen = new HashSet<(string, int)>();
        for (var i = 0; i < leases.Count; i++)
        {
            var (kind, shard, _) = leases[i];
            if (string.IsNullOrEmpty(kind) || shard < 0)
            {
                throw new ArgumentException($"lease {i} ('{kind}'/{shard}) needs a kind and a shard of zero or more", nameof(leases));
            }

            if (!seen.Add((kind, shard)))
            {
                throw new ArgumentException($"lease {kind}/{shard} is listed twice", nameof(leases));
            }
        }
    }
}

/// <summary>
/// Shard leases with fencing tokens, timed by the database clock only (engines.md §8.3). Every method is a
/// single compare-and-set statement (a batch renewal: one per chunk of leases); nothing here is event-sourced, so
/// there is nothing to replay.
/// </summary>
public interface IClusterLeaseStore
{
    /// <summary>
    /// Registers <paramref name="kind"/> with <paramref name="numShards"/> shards and creates its lease rows.
    /// Throws <see cref="InvalidOperationException"/> when the kind is already registered with another count
    /// (I10: the shard function is frozen).
    /// </summary>
    Task RegisterKindAsync(string kind, int numShards, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lease when it is free or expired, and the hint is absent, names <paramref name="node"/>, or
    /// is older than <paramref name="desiredOwnerGrace"/> past expiry; the token grows by one. Null when taken.
    /// </summary>
    Task<LeaseGrant?> TryAcquireAsync(string kind, int shard, string node, TimeSpan ttl, TimeSpan desiredOwnerGrace, CancellationToken cancellationToken);

    /// <summary>Extends the lease when <paramref name="node"/> still holds it with <paramref name="token"/>; null when lost.</summary>
    Task<LeaseGrant?> TryRenewAsync(string kind, int shard, string node, long token, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>
    /// Renews many leases of <paramref name="node"/> at once, by exactly the rules of <see cref="TryRenewAsync"/>:
    /// each is extended only while <paramref name="node"/> still holds it with its token. The answer has one entry
    /// per lease, in the order asked: the new grant (expiry in database time), or null when it was lost. An empty
    /// list asks nothing of the store. Throws <see cref="ArgumentException"/> (and renews nothing) when a lease is
    /// malformed or listed twice.
    /// </summary>
    Task<IReadOnlyList<LeaseGrant?>> TryRenewManyAsync(
        string node, IReadOnlyList<(string Kind, int Shard, long Token)> leases, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Gives the lease up (graceful handoff); false when <paramref name="node"/> no longer held it with <paramref name="token"/>.</summary>
    Task<bool> ReleaseAsync(string kind, int shard, string node, long token, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the rebalancer's hint for one shard, only while <paramref name="coordinator"/> holds the
    /// coordinator lease with <paramref name="coordinatorToken"/> (the coordinator is itself fenced).
    /// </summary>
    Task<bool> SetDesiredOwnerAsync(string kind, int shard, string? desiredOwner, string coordinator, long coordinatorToken, CancellationToken cancellationToken);

    /// <summary>Every lease row (all kinds, the coordinator row included), ordered by kind then shard.</summary>
    Task<IReadOnlyList<LeaseRow>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>The registered kinds and their shard counts.</summary>
    Task<IReadOnlyDictionary<string, int>> ReadKindsAsync(CancellationToken cancellationToken);
}
