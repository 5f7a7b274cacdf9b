using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Core.Tests.Fuzz;

/// <summary>The ways a valid input is damaged.</summary>
public enum MutationKind
{
    BitFlip,
    Truncate,
    InsertBytes,
    DuplicateMember,
    DropMember,
    TypeSwap,
    HugeNumber,
    DeepNesting,
    InvalidUtf8,
    LoneSurrogateEscape,
    OversizedString,
}

/// <summary>One damaged input and how it was made (shown when a check fails, so the case can be replayed by name).</summary>
public sealed record Mutation(MutationKind Kind, int Seed, byte[] Bytes)
{
    public override string ToString() => $"{Kind} (seed {Seed}, {Bytes.Length} bytes)";
}

/// <summary>
/// Mutates valid inputs: byte-level damage (bit flips, truncation, inserted bytes) and JSON-aware damage (duplicated
/// members, dropped members, swapped types, huge numbers, deep nesting, invalid UTF-8, lone surrogates, oversized strings).
/// FsCheck draws the kind and a per-case seed from a fixed replay seed, so every run makes the same cases.
/// </summary>
public static class Mutator
{
    private const string Sentinel = "@@FUZZ@@";
    private const string DuplicateName = "@@DUP@@";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "9007199254740993", "-9007199254740993", "1" + new string('0', 400), "4.9e-400", "-0",
        "123456789012345678901234567890.5", "18446744073709551616", "2147483648", "-2147483649", "1E+308", "0.1e1",
    ];

    private static readonly byte[][] BadUtf8 =
    [
        [0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
    ];

    /// <summary>The fixed seed every fuzz run replays.</summary>
    public const ulong ReplaySeed = 0x4163_746F_7254_7275;

    /// <summary><paramref name="count"/> mutations of <paramref name="valid"/>, the same on every run.</summary>
    public static IReadOnlyList<Mutation> Cases(byte[] valid, int count, ulong salt = 0)
    {
        var gen = Gen.Zip(Gen.Elements(Enum.GetValues<MutationKind>()), Gen.Choose(0, int.MaxValue));
        var drawn = Gen.Sample(gen, count, new Rnd(ReplaySeed ^ salt), 30);
        return [.. drawn.Select(c => Apply(valid, c.Item1, c.Item2))];
    }

    public static Mutation Apply(byte[] valid, MutationKind kind, int seed)
    {
        var random = new System.Random(seed);
        var bytes = kind switch
        {
            MutationKind.BitFlip => FlipBits(valid, random),
            MutationKind.Truncate => valid[..random.Next(0, Math.Max(1, valid.Length))],
            MutationKind.InsertBytes => Insert(valid, random),
            _ => MutateTree(valid, kind, random) ?? FlipBits(valid, random),
        };
        return new Mutation(kind, seed, bytes);
    }

    private static byte[] FlipBits(byte[] valid, System.Random random)
    {
        var copy = (byte[])valid.Clone();
        for (var i = random.Next(1, 4); i > 0 && copy.Length > 0; i--)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static byte[] Insert(byte[] valid, System.Random random)
    {
        var at = random.Next(valid.Length + 1);
        var inserted = random.Next(3) == 0 ? BadUtf8[random.Next(BadUtf8.Length)] : Encoding.UTF8.GetBytes(new[] { "{", "}", "[", "]", ",", ":", "\"", "\\", "\0", "\u2028" }[random.Next(10)]);
        return [.. valid[..at], .. inserted, .. valid[at..]];
    }

    // Damages one node of the parsed tree; null when the input is not a JSON container or has no suitable node.
    private static byte[]? MutateTree(byte[] valid, MutationKind kind, System.Random random)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(valid);
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is null)
        {
            return null;
        }

        var slots = Slots(root).ToList();
        if (kind is MutationKind.DuplicateMember or MutationKind.DropMember)
        {
            slots.RemoveAll(s => s.Parent is not JsonObject);
        }
        else if (kind is MutationKind.InvalidUtf8 or MutationKind.LoneSurrogateEscape or MutationKind.OversizedString && slots.Any(s => IsString(s.Node)))
        {
            slots.RemoveAll(s => !IsString(s.Node));
        }

        if (slots.Count == 0)
        {
            return null;
        }

        var (parent, key, index, node) = slots[random.Next(slots.Count)];
        string? raw = null;
        byte[]? rawBytes = null;
        switch (kind)
        {
            case MutationKind.DuplicateMember:
                ((JsonObject)parent).Add(DuplicateName, node?.DeepClone());
                return Encoding.UTF8.GetBytes(root.ToJsonString(Relaxed).Replace(Quote(DuplicateName), Quote(key!), StringComparison.Ordinal));
            case MutationKind.DropMember:
                ((JsonObject)parent).Remove(key!);
                return Encoding.UTF8.GetBytes(root.ToJsonString(Relaxed));
            case MutationKind.TypeSwap:
                raw = SwapType(node, random);
                break;
            case MutationKind.HugeNumber:
                raw = HugeNumbers[random.Next(HugeNumbers.Length)];
                break;
            case MutationKind.DeepNesting:
                var depth = new[] { 65, 200, 1001, 5000 }[random.Next(4)];
                raw = random.Next(2) == 0 ? new string('[', depth) + "1" + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                break;
            case MutationKind.InvalidUtf8:
                rawBytes = [(byte)'"', .. Encoding.UTF8.GetBytes("ab"), .. BadUtf8[random.Next(BadUtf8.Length)], (byte)'"'];
                break;
            case MutationKind.LoneSurrogateEscape:
                raw = new[] { "\"\\ud800\"", "\"a\\udfffb\"", "\"\\ud83d\\u0041\"" }[random.Next(3)];
                break;
            case MutationKind.OversizedString:
                raw = "\"" + new string('A', new[] { 4096, 70_000, 1_100_000, 2_200_000 }[random.Next(4)]) + "\"";
                break;
        }

        Replace(parent, key, index, JsonValue.Create(Sentinel));
        var text = Encoding.UTF8.GetBytes(root.ToJsonString(Relaxed));
        return Splice(text, Encoding.UTF8.GetBytes(Quote(Sentinel)), rawBytes ?? Encoding.UTF8.GetBytes(raw!));
    }

    private static string SwapType(JsonNode? node, System.Random random)
    {
        string[] choices = node switch
        {
            JsonObject => ["[]", "\"{}\"", "null", "0"],
            JsonArray => ["{}", "\"[]\"", "null", "1"],
            JsonValue v when v.GetValueKind() == JsonValueKind.String => ["0", "-1.5", "true", "null", "[]", "{}"],
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => ["\"1\"", "true", "null", "[]", "{}"],
            null => ["0", "\"\"", "{}"],
            _ => ["\"true\"", "0", "[]", "{}"],
        };
        return choices[random.Next(choices.Length)];
    }

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private static string Quote(string text) => JsonSerializer.Serialize(text, Relaxed);

    private static void Replace(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[key!] = value;
        }
        else
        {
            ((JsonArray)parent)[index] = value;
        }
    }

    private static byte[] Splice(byte[] text, byte[] marker, byte[] replacement)
    {
        var at = text.AsSpan().IndexOf(marker);
        return [.. text[..at], .. replacement, .. text[(at + marker.Length)..]];
    }

    private static IEnumerable<(JsonNode Parent, string? Key, int Index, JsonNode? Node)> Slots(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj.ToList())
            {
                yield return (obj, key, -1, child);
                if (child is not null)
                {
                    foreach (var slot in Slots(child))
                    {
                        yield return slot;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                yield return (array, null, i, array[i]);
                if (array[i] is { } child)
                {
                    foreach (var slot in Slots(child))
                    {
                        yield return slot;
                    }
                }
            }
        }
    }
}
