using System.Text;

namespace ActorTrust.Runtime.Sharding;

/// <summary>
/// Maps an entity id to its shard: <c>(XXH32(utf8(entityId)) &amp; 0x7FFFFFFF) % numShards</c>
/// (ARCHITECTURE §5, invariant I10). The same id lands on the same shard in every process and every
/// version; golden vectors in the tests hold it there. Never <see cref="string.GetHashCode()"/>.
/// </summary>
public static class Shards
{
    /// <summary>The shard of <paramref name="entityId"/> among <paramref name="numShards"/> shards.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numShards"/> is not positive.</exception>
    public static int ShardOf(string entityId, int numShards)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numShards);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(entityId.Length);
        var buffer = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(entityId, buffer);
        var hash = XxHash32.Hash(buffer[..length]) & 0x7FFFFFFFU;
        return (int)(hash % (uint)numShards);
    }
}
