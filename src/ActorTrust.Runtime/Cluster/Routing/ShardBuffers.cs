using System.Collections.Concurrent;

namespace ActorTrust.Runtime.Cluster.Routing;

/// <summary>
/// Counts the commands being routed per shard and refuses one more beyond the capacity (I9: every buffer is bounded,
/// overflow is an explicit answer to the caller, never a silent drop).
/// </summary>
internal sealed class ShardBuffers(int capacity)
{
    private readonly ConcurrentDictionary<(string Kind, int Shard), int> _counts = new();

    public int CountOf(string kind, int shard) => _counts.GetValueOrDefault((kind, shard));

    public bool TryEnter(string kind, int shard)
    {
        var key = (kind, shard);
        while (true)
        {
            var count = _counts.GetOrAdd(key, 0);
            if (count >= capacity)
            {
                return false;
            }

            if (_counts.TryUpdate(key, count + 1, count))
            {
                return true;
            }
        }
    }

    public void Exit(string kind, int shard) => _counts.AddOrUpdate((kind, shard), 0, (_, count) => count - 1);
}
