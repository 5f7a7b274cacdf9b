namespace ActorTrust.Runtime.Cluster;

/// <summary>A member's status in the membership table.</summary>
public enum MemberStatus
{
    /// <summary>Registered, not yet serving shards.</summary>
    Joining = 0,

    /// <summary>Serving shards.</summary>
    Active = 1,

    /// <summary>Handing its shards off before a graceful exit.</summary>
    ShuttingDown = 2,

    /// <summary>Declared dead; this incarnation never becomes active again (I8).</summary>
    Dead = 3,
}

/// <summary>One suspicion vote: <paramref name="Voter"/> could not reach the member at <paramref name="At"/> (database time).</summary>
public sealed record SuspectVote(string Voter, DateTimeOffset At);

/// <summary>One row of the membership table.</summary>
/// <param name="Node">The member, with its incarnation.</param>
/// <param name="Address">Where its cluster endpoint listens (<c>http://host:port</c>).</param>
/// <param name="Status">Its status.</param>
/// <param name="SuspectVotes">Unexpired suspicion votes.</param>
/// <param name="AppVersion">The code version it runs (the rebalancer waits while versions differ).</param>
/// <param name="StartedAt">When it joined (database time).</param>
/// <param name="IAmAliveAt">Its last liveness write (database time).</param>
public sealed record MemberRow(
    NodeId Node,
    string Address,
    MemberStatus Status,
    IReadOnlyList<SuspectVote> SuspectVotes,
    string AppVersion,
    DateTimeOffset StartedAt,
    DateTimeOffset IAmAliveAt)
{
    /// <summary>
    /// The member's own signature over its id and address (secure mode; null in insecure mode or for a row nobody
    /// attested). Stores keep it when another node rewrites the row without one (a vote, or writing it Dead).
    /// </summary>
    public MemberAttestation? Attestation { get; init; }
}

/// <summary>The membership table at one version (the version row changes on every status or vote change).</summary>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<MemberRow> Members)
{
    /// <summary>The row of <paramref name="node"/>, or null.</summary>
    public MemberRow? Find(NodeId node) => Members.FirstOrDefault(m => m.Node == node);
}

/// <summary>
/// The membership table (Orleans' protocol, engines.md §5.1 and §8.4.1): every status or vote change is written
/// together with a compare-and-set of the version row, so concurrent writers serialise and the loser re-reads.
/// </summary>
public interface IMembershipStore
{
    /// <summary>The current table and its version.</summary>
    Task<MembershipSnapshot> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces <paramref name="row"/> and bumps the version, only if the version is still
    /// <paramref name="expectedVersion"/>; false when another writer changed the table first. A row already
    /// <see cref="MemberStatus.Dead"/> is never written back to another status (I8): false as well.
    /// </summary>
    Task<bool> TryWriteAsync(MemberRow row, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Stamps <paramref name="node"/>'s I-am-alive time with database time (no version change).</summary>
    Task UpdateIAmAliveAsync(NodeId node, CancellationToken cancellationToken);

    /// <summary>The database's clock: the only clock leases and votes use.</summary>
    Task<DateTimeOffset> DatabaseNowAsync(CancellationToken cancellationToken);
}
