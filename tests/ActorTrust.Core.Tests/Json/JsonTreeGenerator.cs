using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Core.Tests.Json;

/// <summary>
/// Random JSON trees inside the canonical-JSON domain: safe integers (as long, int and decimal values),
/// finite doubles, strings over the whole of Unicode (controls, quotes, U+2028, surrogate pairs), and
/// nested objects and arrays. Every sample is built from fresh nodes, so trees never share a node.
/// </summary>
internal static class JsonTreeGenerator
{
    private const long MaxSafeInteger = (1L << 53) - 1;

    public static Arbitrary<JsonNode?> Trees { get; } = Gen.Sized(size => Node(Math.Min(size, 40))).ToArbitrary();

    private static Gen<JsonNode?> Node(int budget) =>
        budget <= 1
            ? Scalar
            : Gen.Frequency((3, Scalar), (1, Array(budget)), (1, Object(budget)));

    private static Gen<JsonNode?> Array(int budget) =>
        from count in Gen.Choose(0, 5)
        from items in Gen.ArrayOf(Node(budget / (count + 1)), count)
        select (JsonNode?)new JsonArray(items);

    private static Gen<JsonNode?> Object(int budget) =>
        from count in Gen.Choose(0, 5)
        from names in Gen.ArrayOf(Text(6), count)
        from values in Gen.ArrayOf(Node(budget / (count + 1)), count)
        select (JsonNode?)Build(names, values);

    private static JsonObject Build(string[] names, JsonNode?[] values)
    {
        var obj = new JsonObject();
        for (var i = 0; i < names.Length; i++)
        {
            obj[names[i]] = values[i];
        }

        return obj;
    }

    private static Gen<JsonNode?> Scalar => Gen.Frequency(
        (1, Gen.Constant<JsonNode?>(null)),
        (1, Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b))),
        (2, SafeInteger.Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Choose(-1000, 1000).Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Choose(-1_000_000, 1_000_000).Select(i => (JsonNode?)JsonValue.Create(i / 100m))),
        (3, FiniteDouble.Select(d => (JsonNode?)JsonValue.Create(d))),
        (3, Text(12).Select(s => (JsonNode?)JsonValue.Create(s))));

    private static Gen<long> SafeInteger =>
        from high in Gen.Choose(-(1 << 26), (1 << 26) - 1)
        from low in Gen.Choose(0, (1 << 27) - 1)
        let value = ((long)high << 27) + low
        where Math.Abs(value) <= MaxSafeInteger
        select value;

    private static Gen<double> FiniteDouble => Gen.Frequency(
            (2, Gen.ArrayOf(Gen.Choose(0, 0xFFFF), 4).Select(p =>
                BitConverter.Int64BitsToDouble(((long)p[0] << 48) | ((long)p[1] << 32) | ((long)p[2] << 16) | (long)p[3]))),
            (1, Gen.Choose(-1_000_000, 1_000_000).Zip(Gen.Choose(-12, 12)).Select(p => p.Item1 * Math.Pow(10, p.Item2))))
        .Where(d => double.IsFinite(d) && !(Math.Abs(d) > MaxSafeInteger && Math.Abs(d) < 1e21));

    private static Gen<string> Text(int maxPieces) =>
        from count in Gen.Choose(0, maxPieces)
        from pieces in Gen.ArrayOf(Piece, count)
        select string.Concat(pieces);

    private static Gen<string> Piece => Gen.Frequency(
        (6, Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString())),
        (2, Gen.Choose(0x00, 0x1F).Select(c => ((char)c).ToString())),
        (2, Gen.Elements("\"", "\\", "/", "\u007f", "\u2028", "\u2029", "\ufeff", "\ufffd", "</script>")),
        (2, Gen.Choose(0x80, 0xD7FF).Select(c => ((char)c).ToString())),
        (1, Gen.Choose(0xE000, 0xFFFF).Select(c => ((char)c).ToString())),
        (2, Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)));
}
