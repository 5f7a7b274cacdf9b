using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Node.Lineages;

/// <summary>
/// The lineages this node serves that have a running clock, ordered by their next deadline
/// (<see cref="Core.Lineage.LineageState.NextDeadline"/>), so the deadline check touches only the due ones.
/// Fed by each lineage commit on this node (newest version wins, so a rebuild that read an older state cannot
/// overwrite a newer commit), rebuilt per shard by <see cref="LineageDeadlineService"/> for the shards marked here
/// (embedded: all of them at start; clustered: each one acquired), and emptied of a shard this node stops serving.
/// A stale entry costs at most one <c>CheckDeadlines</c> that records nothing. Thread-safe.
/// </summary>
internal sealed class LineageDeadlineIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset Due, string AgentId)> _byDue = new(DueOrder.Instance);
    private readonly HashSet<int> _pendingShards = [];

    /// <param name="numShards">Shards of the lineage kind.</param>
    /// <param name="rebuildAllShards">True on an embedded node, which serves every shard from the start.</param>
    public LineageDeadlineIndex(int numShards, bool rebuildAllShards)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numShards);
        NumShards = numShards;
        if (rebuildAllShards)
        {
            _pendingShards.UnionWith(Enumerable.Range(0, numShards));
        }
    }

    /// <summary>Shards of the lineage kind.</summary>
    public int NumShards { get; }

    /// <summary>How many lineages are indexed.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The indexed deadline of <paramref name="agentId"/>, or null when it is not indexed.</summary>
    public DateTimeOffset? DeadlineOf(string agentId)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(agentId, out var entry) ? entry.Due : null;
        }
    }

    /// <summary>
    /// Records the lineage's next deadline as of stream <paramref name="version"/> (null: no clock runs, so it leaves the
    /// index). Ignored when the index already holds a newer version.
    /// </summary>
    public void Update(string agentId, DateTimeOffset? due, long version)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        lock (_gate)
        {
            if (_entries.TryGetValue(agentId, out var entry))
            {
                if (entry.Version > version)
                {
                    return;
                }

                _byDue.Remove((entry.Due, agentId));
                _entries.Remove(agentId);
            }

            if (due is { } at)
            {
                _entries[agentId] = new Entry(at, version, Shards.ShardOf(agentId, NumShards));
                _byDue.Add((at, agentId));
            }
        }
    }

    /// <summary>Drops the lineage (no longer served here).</summary>
    public void Remove(string agentId)
    {
        lock (_gate)
        {
            if (_entries.Remove(agentId, out var entry))
            {
                _byDue.Remove((entry.Due, agentId));
            }
        }
    }

    /// <summary>The lineages whose deadline is at or before <paramref name="now"/>, earliest first.</summary>
    public IReadOnlyList<string> DueAt(DateTimeOffset now)
    {
        lock (_gate)
        {
            return [.. _byDue.TakeWhile(e => e.Due <= now).Select(e => e.AgentId)];
        }
    }

    /// <summary>Marks a shard this node started serving: its lineages are read into the index at the next check.</summary>
    public void MarkShardForRebuild(int shard)
    {
        lock (_gate)
        {
            _pendingShards.Add(shard);
        }
    }

    /// <summary>Takes the shards waiting for a rebuild (the caller rebuilds them, or marks them again if it fails).</summary>
    public IReadOnlySet<int> TakeShardsToRebuild()
    {
        lock (_gate)
        {
            var taken = _pendingShards.ToHashSet();
            _pendingShards.Clear();
            return taken;
        }
    }

    /// <summary>Forgets a shard this node no longer serves: its lineages and any pending rebuild.</summary>
    public void DropShard(int shard)
    {
        lock (_gate)
        {
            _pendingShards.Remove(shard);
            foreach (var (agentId, entry) in _entries.Where(e => e.Value.Shard == shard).ToList())
            {
                _entries.Remove(agentId);
                _byDue.Remove((entry.Due, agentId));
            }
        }
    }

    private readonly record struct Entry(DateTimeOffset Due, long Version, int Shard);

    private sealed class DueOrder : IComparer<(DateTimeOffset Due, string AgentId)>
    {
        public static DueOrder Instance { get; } = new();

        public int Compare((DateTimeOffset Due, string AgentId) x, (DateTimeOffset Due, string AgentId) y)
        {
            var byDue = x.Due.UtcTicks.CompareTo(y.Due.UtcTicks);
            return byDue != 0 ? byDue : string.CompareOrdinal(x.AgentId, y.AgentId);
        }
    }
}
