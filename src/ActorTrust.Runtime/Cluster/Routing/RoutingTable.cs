using ActorTrust.Runtime.Cluster.Transport;

namespace ActorTrust.Runtime.Cluster.Routing;

/// <summary>
/// The router's cache of <c>shard → owner</c>, read from the lease table (owners) and the membership table
/// (addresses). It is only a guess about who to ask: a wrong entry costs a <see cref="DeliveryStatus.NotOwner"/> and a
/// refresh, never a second writer, because the receiver re-checks its lease and the journal fences writes (§8.1).
/// A lease counts only while unexpired by database time and held by a member that is not Dead (I8).
/// Refreshed on a miss, on NotOwner and WrongIncarnation, and when the membership version changes; concurrent
/// refreshes share one read. It also remembers when each owner's lease runs out, so a router facing an unreachable
/// owner knows when to look for the next one.
/// </summary>
/// <param name="leases">The lease table.</param>
/// <param name="membership">The membership table and the database clock.</param>
/// <param name="time">The local monotonic clock the lease ends are kept in; the system clock when null.</param>
public sealed class RoutingTable(IClusterLeaseStore leases, IMembershipStore membership, TimeProvider? time = null) : IShardOwnerHints
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private volatile Snapshot? _current;
    private Task<Snapshot>? _refreshing;

    /// <summary>The membership version of the cached view; -1 before the first read.</summary>
    public long MembershipVersion => _current?.MembershipVersion ?? -1;

    /// <summary>Reads both tables since start (for tests and metrics).</summary>
    public int Refreshes { get; private set; }

    /// <summary>The owner of <paramref name="shard"/> of <paramref name="kind"/>, reading the tables first when the cache is stale.</summary>
    public async Task<ClusterPeer?> OwnerOfAsync(string kind, int shard, CancellationToken cancellationToken)
    {
        var snapshot = _current ?? await RefreshAsync(cancellationToken);
        return snapshot.Owners.GetValueOrDefault((kind, shard));
    }

    /// <summary>
    /// How long, by the cached view, until the lease of the shard's owner runs out in database time (zero when it
    /// already has); null when the view is gone or names no owner. Only a time to look again, never a grant.
    /// </summary>
    public TimeSpan? UntilLeaseEnds(string kind, int shard) =>
        _current is { } snapshot && snapshot.LeaseEnds.TryGetValue((kind, shard), out var end)
            ? TimeSpan.FromSeconds(Math.Max(0, end - _time.GetTimestamp()) / (double)_time.TimestampFrequency)
            : null;

    /// <summary>Forgets the cached view; the next lookup reads the tables.</summary>
    public void Invalidate() => _current = null;

    /// <summary>Called by membership when it sees <paramref name="version"/>: a newer version invalidates the cache.</summary>
    public void OnMembershipVersion(long version)
    {
        if (_current is { } snapshot && snapshot.MembershipVersion != version)
        {
            Invalidate();
        }
    }

    /// <inheritdoc />
    public string? OwnerHint(string kind, int shard) => _current?.Owners.GetValueOrDefault((kind, shard))?.Node.ToString();

    /// <summary>Reads both tables (one read shared by concurrent callers).</summary>
    public Task<Snapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_refreshing is null || _refreshing.IsCompleted)
            {
                _refreshing = ReadAsync();
            }

            return _refreshing.WaitAsync(cancellationToken);
        }
    }

    private async Task<Snapshot> ReadAsync()
    {
        // Not tied to one caller's token: the read is shared, and a caller that gives up just stops waiting.
        var members = await membership.ReadAsync(CancellationToken.None);
        var rows = await leases.ReadAllAsync(CancellationToken.None);
        var now = await membership.DatabaseNowAsync(CancellationToken.None);
        var readAt = _time.GetTimestamp();
        var owners = new Dictionary<(string, int), ClusterPeer>();
        var ends = new Dictionary<(string, int), long>();
        foreach (var row in rows)
        {
            if (row.Owner is null || row.ExpiresAt <= now || !NodeId.TryParse(row.Owner, out var node))
            {
                continue;
            }

            if (members.Find(node!) is { Status: not MemberStatus.Dead } member)
            {
                owners[(row.Kind, row.Shard)] = new ClusterPeer(member.Node, member.Address);
                ends[(row.Kind, row.Shard)] = readAt + (long)((row.ExpiresAt - now).TotalSeconds * _time.TimestampFrequency);
            }
        }

        var snapshot = new Snapshot(members.Version, owners, ends);
        lock (_gate)
        {
            Refreshes++;
        }

        _current = snapshot;
        return snapshot;
    }

    /// <summary>One read of the tables.</summary>
    /// <param name="MembershipVersion">The membership version read.</param>
    /// <param name="Owners">Live owners by (kind, shard).</param>
    /// <param name="LeaseEnds">When each live owner's lease runs out, as a local monotonic timestamp estimated from the read.</param>
    public sealed record Snapshot(
        long MembershipVersion, IReadOnlyDictionary<(string Kind, int Shard), ClusterPeer> Owners, IReadOnlyDictionary<(string Kind, int Shard), long> LeaseEnds);
}
