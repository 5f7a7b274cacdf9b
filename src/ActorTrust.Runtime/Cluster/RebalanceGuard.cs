namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// Akka's <c>IsAGoodTimeToRebalance</c>: no round while any member is Joining or suspected by a live member, while Active members
/// run different app versions (a rolling update), or while a handoff is in progress (a hint not yet taken up) — so
/// rebalancing never piles moves on top of an unsettled cluster.
/// </summary>
public static class RebalanceGuard
{
    /// <summary>Why this is not a good time to rebalance, or null when it is.</summary>
    public static string? WhyNot(MembershipSnapshot members, IReadOnlyList<LeaseRow> rows, DateTimeOffset databaseNow, TimeSpan voteExpiration)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(rows);
        if (members.Members.Any(m => m.Status == MemberStatus.Joining))
        {
            return "a member is joining";
        }

        // Votes of voters declared Dead since do not count: a partitioned node's votes would otherwise hold every rebalance
        // back until they expire, long after that node is gone.
        if (members.Members.Any(m => m.Status != MemberStatus.Dead && SuspicionVotes.Counted(SuspicionVotes.Unexpired(m.SuspectVotes, databaseNow, voteExpiration), members) > 0))
        {
            return "a member is suspected";
        }

        if (members.Members.Where(m => m.Status == MemberStatus.Active).Select(m => m.AppVersion).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            return "app versions differ";
        }

        return rows.Any(InHandoff) ? "a handoff is in progress" : null;
    }

    /// <summary>True when the row carries a hint its target has not taken up yet.</summary>
    public static bool InHandoff(LeaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Kind != ClusterLeaseStore.CoordinatorKind && row.DesiredOwner is not null && row.DesiredOwner != row.Owner;
    }
}
