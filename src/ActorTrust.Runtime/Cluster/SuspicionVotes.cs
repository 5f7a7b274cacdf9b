namespace ActorTrust.Runtime.Cluster;

/// <summary>Counting suspicion votes (engines.md §5.1): only unexpired votes count, one per voter.</summary>
public static class SuspicionVotes
{
    /// <summary>The votes still within <paramref name="expiration"/> of <paramref name="now"/>.</summary>
    public static IReadOnlyList<SuspectVote> Unexpired(IReadOnlyList<SuspectVote> votes, DateTimeOffset now, TimeSpan expiration)
    {
        ArgumentNullException.ThrowIfNull(votes);
        return [.. votes.Where(v => v.At > now - expiration)];
    }

    /// <summary><paramref name="votes"/> with <paramref name="voter"/>'s vote replaced by one at <paramref name="now"/>, expired ones dropped.</summary>
    public static IReadOnlyList<SuspectVote> Add(IReadOnlyList<SuspectVote> votes, string voter, DateTimeOffset now, TimeSpan expiration) =>
        [.. Unexpired(votes, now, expiration).Where(v => v.Voter != voter), new SuspectVote(voter, now)];

    /// <summary>
    /// The votes that count in <paramref name="snapshot"/>: those of voters that are still live members. A vote cast
    /// by a node that has since been declared Dead stops counting at once rather than at its expiry, just as that node
    /// no longer counts in <see cref="Needed"/>.
    /// </summary>
    public static int Counted(IReadOnlyList<SuspectVote> votes, MembershipSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(snapshot);
        var live = snapshot.Members.Where(m => m.Status != MemberStatus.Dead).Select(m => m.Node.ToString()).ToHashSet(StringComparer.Ordinal);
        return votes.Count(v => live.Contains(v.Voter));
    }

    /// <summary>
    /// Votes that declare a member Dead: the configured number, or fewer when fewer other live members exist to
    /// vote (a two-node cluster must still be able to declare one dead), never less than one.
    /// </summary>
    public static int Needed(int configured, MembershipSnapshot snapshot, NodeId target)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var voters = snapshot.Members.Count(m => m.Status != MemberStatus.Dead && m.Node != target);
        return Math.Max(1, Math.Min(configured, voters));
    }
}
