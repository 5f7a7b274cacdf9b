namespace ActorTrust.Runtime.Cluster;

/// <summary>One planned move: the rebalancer hints <paramref name="Shard"/> of <paramref name="Kind"/> to <paramref name="To"/>.</summary>
public sealed record ShardMove(string Kind, int Shard, string From, string To);

/// <summary>
/// Akka's least-shard allocation, as a pure function over the lease table. With <c>optimal = ⌈shards / members⌉</c>:
/// phase 1 takes every member's excess over the optimum; only if that finds nothing, phase 2 takes one shard from each
/// member at the optimum when some member is below <c>optimal − 1</c>. At most <c>limit</c> moves per round; each goes
/// to the member with the fewest shards. Repeated rounds converge to at most ⌈S/N⌉ shards per member.
/// </summary>
public static class LeastShardPlan
{
    /// <summary>The moves for one kind. Only owned, unexpired shards of <paramref name="members"/> count.</summary>
    public static IReadOnlyList<ShardMove> Plan(string kind, int numShards, IReadOnlyList<LeaseRow> rows, IReadOnlyList<string> members,
        DateTimeOffset databaseNow, int limit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count < 2 || limit < 1)
        {
            return [];
        }

        var owned = members.ToDictionary(m => m, m => rows
            .Where(r => r.Kind == kind && r.Owner == m && r.ExpiresAt >= databaseNow).Select(r => r.Shard).OrderBy(s => s).ToList(), StringComparer.Ordinal);
        var optimal = (numShards + members.Count - 1) / members.Count;
        var byLoad = members.OrderByDescending(m => owned[m].Count).ThenBy(m => m, StringComparer.Ordinal).ToList();

        var taken = byLoad.SelectMany(m => owned[m].Skip(optimal).Select(s => (Shard: s, From: m))).ToList();
        if (taken.Count == 0 && members.Any(m => owned[m].Count < optimal - 1))
        {
            taken = [.. byLoad.Where(m => owned[m].Count >= optimal).Select(m => (Shard: owned[m][^1], From: m))];
        }

        var counts = members.ToDictionary(m => m, m => owned[m].Count, StringComparer.Ordinal);
        var moves = new List<ShardMove>();
        foreach (var (shard, from) in taken.Take(limit))
        {
            var to = members.Where(m => m != from).OrderBy(m => counts[m]).ThenBy(m => m, StringComparer.Ordinal).First();
            if (counts[to] >= optimal)
            {
                continue; // even the least-loaded member is full: moving would not even things out
            }

            counts[from]--;
            counts[to]++;
            moves.Add(new ShardMove(kind, shard, from, to));
        }

        return moves;
    }
}
