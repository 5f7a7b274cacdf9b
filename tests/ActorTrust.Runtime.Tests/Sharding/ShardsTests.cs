using ActorTrust.Runtime.Sharding;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Runtime.Tests.Sharding;

/// <summary>Invariant I10: an entity id maps to the same shard in every process and every version.</summary>
public sealed class ShardsTests
{
    // Frozen once and never to be edited: changing any row moves live entities to other shards.
    // Rows marked "top bit" hash to a value >= 0x80000000, so they check the 0x7FFFFFFF mask.
    [Theory]
    [InlineData("", 7, 3)]
    [InlineData("", 1024, 261)]
    [InlineData("a", 16, 6)]
    [InlineData("a", 100, 10)]
    [InlineData("agent-1", 7, 5)]          // top bit (0xd7a82db3)
    [InlineData("agent-1", 100, 39)]       // top bit
    [InlineData("agent-2", 16, 5)]         // top bit (0xf2742c25)
    [InlineData("agent-2", 1024, 37)]      // top bit
    [InlineData("agent-6", 100, 84)]       // top bit (0xccd9f8a8): unmasked % 100 would be 32
    [InlineData("agent-9", 16, 11)]        // top bit (0xe6a8d45b)
    [InlineData("peer/eu-west-1", 16, 14)] // top bit (0xf09a056e)
    [InlineData("\u65e5\u672c\u8a9e", 100, 97)] // top bit (0xc8ae20bd), UTF-8 multi-byte
    [InlineData("caf\u00e9", 1024, 449)]
    [InlineData("\U0001F600", 16, 12)]     // a surrogate pair, 4 UTF-8 bytes
    [InlineData("spiffe://example.org/ns/prod/sa/payments", 100, 45)]
    [InlineData("d7c3a5f0-9e1b-4c2a-8f3e-1a2b3c4d5e6f", 16, 14)]
    [InlineData("domain:acme", 7, 4)]
    [InlineData("session-000042", 1024, 544)]
    [InlineData("session-000042", 1, 0)]
    public void Golden_entity_to_shard_vectors_never_change(string entityId, int numShards, int expectedShard)
    {
        Shards.ShardOf(entityId, numShards).ShouldBe(expectedShard);
    }

    [Fact]
    public void Every_shard_is_within_range_for_any_id_and_shard_count()
    {
        Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).ToArbitrary(), Gen.Choose(1, 5000).ToArbitrary(),
            (entityId, numShards) =>
            {
                var shard = Shards.ShardOf(entityId, numShards);
                return shard >= 0 && shard < numShards && shard == Shards.ShardOf(new string(entityId.AsSpan()), numShards);
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Ids_longer_than_the_stack_buffer_hash_their_full_utf8_bytes()
    {
        var longId = new string('x', 5000);

        Shards.ShardOf(longId, int.MaxValue).ShouldBe((int)(XxHash32.Hash(System.Text.Encoding.UTF8.GetBytes(longId)) & 0x7FFFFFFF));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_non_positive_shard_count_is_refused(int numShards)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Shards.ShardOf("agent-1", numShards));
    }
}
