namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// Which free shards a node tries to take in one round (acquisition is eager, in the lease loop; a command for a
/// shard nobody here holds is refused rather than acquired on demand, so placement stays the rebalancer's).
/// A shard is a candidate when the store would grant it: free or expired, and not hinted to another node unless
/// the hint is stale. Among those, a node takes every shard hinted to itself, then others up to its fair share
/// <c>⌈shards / activeMembers⌉</c> so nodes starting together spread out; a shard that has stayed unowned for
/// longer than ttl + grace is taken regardless of the share, so no shard stays orphaned (I7). The share counts only
/// live members: an active member whose every lease has expired has stopped renewing (its local deadline passed
/// before its leases did, so it serves none of them), and its shards are shared among the others at once instead of
/// after the membership protocol declares it dead (<see cref="FailedOwners"/>).
/// </summary>
public static class ShardCandidates
{
    /// <summary>The shards to try, hinted ones first.</summary>
    public static IReadOnlyList<(string Kind, int Shard)> Choose(
        IReadOnlyList<LeaseRow> rows, IReadOnlyDictionary<string, int> kinds, string self, DateTimeOffset databaseNow,
        int activeMembers, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(options);
        var chosen = new List<(string, int)>();
        foreach (var group in rows.Where(r => kinds.ContainsKey(r.Kind)).GroupBy(r => r.Kind, StringComparer.Ordinal))
        {
            var share = (kinds[group.Key] + Math.Max(1, activeMembers) - 1) / Math.Max(1, activeMembers);
            var held = group.Count(r => r.Owner == self && r.ExpiresAt >= databaseNow);
            var free = group.Where(r => IsGrantable(r, self, databaseNow, options.DesiredOwnerGrace)).ToList();
            var hinted = free.Where(r => r.DesiredOwner == self).ToList();
            chosen.AddRange(hinted.Select(r => (r.Kind, r.Shard)));
            held += hinted.Count;
            var orphanBefore = databaseNow - options.LeaseTtl - options.DesiredOwnerGrace;
            foreach (var row in free.Where(r => r.DesiredOwner != self).OrderBy(r => r.Shard))
            {
                var orphaned = row.Token > 0 && row.ExpiresAt < orphanBefore;
                if (held < share || orphaned)
                {
                    chosen.Add((row.Kind, row.Shard));
                    held++;
                }
            }
        }

        return chosen;
    }

    /// <summary>
    /// Owners that hold at least one lease row and have let every one of them expire by <paramref name="databaseNow"/>:
    /// they are not renewing, so they do not count towards the fair share.
    /// </summary>
    public static IReadOnlySet<string> FailedOwners(IReadOnlyList<LeaseRow> rows, DateTimeOffset databaseNow)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Where(r => r.Owner is not null)
            .GroupBy(r => r.Owner!, StringComparer.Ordinal)
            .Where(g => g.All(r => r.ExpiresAt < databaseNow))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// How long after <paramref name="databaseNow"/> the next row that <paramref name="self"/> does not hold may turn
    /// into a candidate: another owner's last lease expires (it then counts as failed and its shards are shared), a
    /// lease hinted to this node expires, a hint to another node runs out of its grace, or a free shard becomes
    /// orphaned. Null when nothing lies ahead. Only a time to look again: whether a shard is taken is still decided
    /// by <see cref="Choose"/> on a fresh read and by the store's compare-and-set in database time.
    /// </summary>
    public static TimeSpan? UntilNextChange(
        IReadOnlyList<LeaseRow> rows, IReadOnlyDictionary<string, int> kinds, string self, DateTimeOffset databaseNow, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(options);
        var times = new List<DateTimeOffset>();
        var mine = rows.Where(r => kinds.ContainsKey(r.Kind)).ToList();
        times.AddRange(mine.Where(r => r.Owner is not null && r.Owner != self)
            .GroupBy(r => r.Owner!, StringComparer.Ordinal)
            .Select(g => g.Max(r => r.ExpiresAt)));
        foreach (var row in mine.Where(r => r.Owner != self || r.ExpiresAt < databaseNow))
        {
            if (row.DesiredOwner == self)
            {
                times.Add(row.ExpiresAt);
            }
            else if (row.DesiredOwner is not null)
            {
                times.Add(row.ExpiresAt + options.DesiredOwnerGrace);
            }

            if (row.Token > 0)
            {
                times.Add(row.ExpiresAt + options.LeaseTtl + options.DesiredOwnerGrace);
            }
        }

        return times.Where(t => t >= databaseNow).Order().Select(t => (TimeSpan?)(t - databaseNow)).FirstOrDefault();
    }

    /// <summary>The acquire statement's condition (engines.md §8.3), evaluated on a row read at <paramref name="now"/>.</summary>
    public static bool IsGrantable(LeaseRow row, string node, DateTimeOffset now, TimeSpan desiredOwnerGrace)
    {
        ArgumentNullException.ThrowIfNull(row);
        var free = row.Owner is null || row.ExpiresAt < now;
        var hintAllows = row.DesiredOwner is null || row.DesiredOwner == node || row.ExpiresAt < now - desiredOwnerGrace;
        return free && hintAllows;
    }
}
