using System.Text;
using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Runtime.Tests.Sharding;

public sealed class XxHash32Tests
{
    private const uint Prime32_1 = 2654435761U;

    [Theory]
    [InlineData("", 0x02CC5D05U)]
    [InlineData("a", 0x550D7456U)]
    [InlineData("ab", 0x4999FC53U)]
    [InlineData("abc", 0x32D153FFU)]
    [InlineData("abcd", 0xA3643705U)]
    [InlineData("abcdefghijklmnop", 0x9D2D8B62U)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789", 0x42AE804DU)]
    [InlineData("Nobody inspects the spammish repetition", 0xE2293B2FU)]
    public void Published_XXH32_vectors_with_seed_zero_match(string text, uint expected)
    {
        XxHash32.Hash(Encoding.ASCII.GetBytes(text)).ShouldBe(expected);
    }

    // The xxHash reference implementation's own self-test: a 101-byte buffer filled by squaring PRIME32_1,
    // hashed at lengths 0, 1, 14 (short path) and 101 (stripes, words and bytes), with seeds 0 and PRIME32_1.
    [Theory]
    [InlineData(0, 0U, 0x02CC5D05U)]
    [InlineData(0, Prime32_1, 0x36B78AE7U)]
    [InlineData(1, 0U, 0xB85CBEE5U)]
    [InlineData(1, Prime32_1, 0xD5845D64U)]
    [InlineData(14, 0U, 0xE5AA0AB4U)]
    [InlineData(14, Prime32_1, 0x4481951DU)]
    [InlineData(101, 0U, 0x1F1AA412U)]
    [InlineData(101, Prime32_1, 0x498EC8E2U)]
    public void Reference_self_test_vectors_match(int length, uint seed, uint expected)
    {
        XxHash32.Hash(SelfTestBuffer().AsSpan(0, length), seed).ShouldBe(expected);
    }

    private static byte[] SelfTestBuffer()
    {
        var buffer = new byte[101];
        var generator = Prime32_1;
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)(generator >> 24);
            generator *= generator;
        }

        return buffer;
    }
}
