using System.Buffers.Binary;
using System.Numerics;

namespace ActorTrust.Runtime.Sharding;

/// <summary>
/// XXH32, the 32-bit xxHash, written from the xxHash specification (Yann Collet, "xxHash fast digest
/// algorithm", XXH32 steps 1–7). Non-cryptographic: it spreads entity ids over shards, nothing more.
/// Its output must never change, because shard placement and stored shard counts depend on it.
/// </summary>
public static class XxHash32
{
    private const uint Prime1 = 0x9E3779B1U;
    private const uint Prime2 = 0x85EBCA77U;
    private const uint Prime3 = 0xC2B2AE3DU;
    private const uint Prime4 = 0x27D4EB2FU;
    private const uint Prime5 = 0x165667B1U;
    private const int StripeLength = 16;

    /// <summary>The XXH32 digest of <paramref name="data"/> with <paramref name="seed"/>.</summary>
    public static uint Hash(ReadOnlySpan<byte> data, uint seed = 0)
    {
        var remaining = data;
        uint acc;
        if (data.Length >= StripeLength)
        {
            // Step 1: four accumulators; step 2: one round per 4-byte lane of every 16-byte stripe.
            var acc1 = seed + Prime1 + Prime2;
            var acc2 = seed + Prime2;
            var acc3 = seed;
            var acc4 = seed - Prime1;
            while (remaining.Length >= StripeLength)
            {
                acc1 = Round(acc1, BinaryPrimitives.ReadUInt32LittleEndian(remaining));
                acc2 = Round(acc2, BinaryPrimitives.ReadUInt32LittleEndian(remaining[4..]));
                acc3 = Round(acc3, BinaryPrimitives.ReadUInt32LittleEndian(remaining[8..]));
                acc4 = Round(acc4, BinaryPrimitives.ReadUInt32LittleEndian(remaining[12..]));
                remaining = remaining[StripeLength..];
            }

            // Step 3: convergence.
            acc = BitOperations.RotateLeft(acc1, 1) + BitOperations.RotateLeft(acc2, 7)
                + BitOperations.RotateLeft(acc3, 12) + BitOperations.RotateLeft(acc4, 18);
        }
        else
        {
            acc = seed + Prime5;
        }

        // Step 4: the input length (its low 32 bits).
        acc += (uint)data.Length;

        // Step 5: the remaining 4-byte words, then single bytes.
        while (remaining.Length >= 4)
        {
            acc += BinaryPrimitives.ReadUInt32LittleEndian(remaining) * Prime3;
            acc = BitOperations.RotateLeft(acc, 17) * Prime4;
            remaining = remaining[4..];
        }

        foreach (var b in remaining)
        {
            acc += b * Prime5;
            acc = BitOperations.RotateLeft(acc, 11) * Prime1;
        }

        // Step 6: avalanche.
        acc ^= acc >> 15;
        acc *= Prime2;
        acc ^= acc >> 13;
        acc *= Prime3;
        acc ^= acc >> 16;
        return acc;
    }

    private static uint Round(uint acc, uint lane) => BitOperations.RotateLeft(acc + (lane * Prime2), 13) * Prime1;
}
