using ActorTrust.Runtime.Cluster.Transport;

namespace ActorTrust.Runtime.Cluster.Routing;

/// <summary>
/// The router's cache of <c>shard → owner</c>, read from the lease table (owners) and the membership table
/// (addresses). It is only a guess about who to ask: a wrong entry costs a <see cref="DeliveryStatus.NotOwner"/> and a
/// refresh, never a second writer, because the receiver re-checks its lease and the journal fences writes (§8.1).
/// A lease counts only while unexpired by database time and held by a member that is not Dead (I8).
/// Refreshed on a miss, on NotOwner and WrongIncarnation, and when the membership version changes; concurrent
/// refreshes share one read.
/// </summary>
public sealed class RoutingTable(IClusterLeaseStore leases, IMembershipStore membership) : IShardOwnerHints
{
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
        var owners = new Dictionary<(string, int), ClusterPeer>();
        foreach (var row in rows)
        {
            if (row.Owner is null || row.ExpiresAt <= now || !NodeId.TryParse(row.Owner, out var node))
            {
                continue;
            }

            if (members.Find(node!) is { Status: not MemberStatus.Dead } member)
            {
                owners[(row.Kind, row.Shard)] = new ClusterPeer(member.Node, member.Address);
            }
        }

        var snapshot = new Snapshot(members.Version, owners);
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
    public sealed record Snapshot(long MembershipVersion, IReadOnlyDictionary<(string Kind, int Shard), ClusterPeer> Owners);
}
