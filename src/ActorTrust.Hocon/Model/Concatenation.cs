using System.Text;
using ActorTrust.Hocon.Parsing;

namespace ActorTrust.Hocon.Model;

/// <summary>
/// Value concatenation: simple values join into one string keeping the whitespace between them,
/// arrays join into one array, objects merge left to right. Mixing kinds is an error.
/// </summary>
internal static class Concatenation
{
    /// <summary>Builds a concatenation while parsing: folded now unless a piece is a substitution.</summary>
    public static HoconNode FromParse(IReadOnlyList<HoconNode> pieces, HoconOrigin origin) =>
        pieces.Any(p => p is SubstitutionNode)
            ? new ConcatNode(pieces, origin)
            : Combine(pieces.ToList<HoconNode?>(), origin)!;

    /// <summary>
    /// Combines resolved pieces (whitespace nodes included, <see langword="null"/> for undefined
    /// optional substitutions). Returns <see langword="null"/> when every value piece is undefined,
    /// and the value itself, unconverted, when only one is defined.
    /// </summary>
    public static HoconNode? Combine(IReadOnlyList<HoconNode?> pieces, HoconOrigin origin)
    {
        HoconNode? first = null;
        var defined = 0;
        foreach (var piece in pieces)
        {
            if (piece is null or WhitespaceNode)
            {
                continue;
            }

            defined++;
            first ??= piece;
            if (Category(piece) != Category(first))
            {
                throw origin.Error($"cannot concatenate {Describe(first)} with {Describe(piece)}; only strings, arrays or objects can be concatenated with their own kind");
            }
        }

        if (first is null || defined == 1)
        {
            return first;
        }

        return first switch
        {
            ObjectNode => MergeAll(pieces, origin),
            ArrayNode => JoinArrays(pieces, origin),
            _ => JoinStrings(pieces, origin),
        };
    }

    /// <summary>The text a simple value contributes to a string concatenation.</summary>
    public static string Render(ScalarNode scalar) => scalar.Kind == ScalarKind.Null ? "null" : scalar.Text;

    private static int Category(HoconNode node) => node switch
    {
        ObjectNode => 1,
        ArrayNode => 2,
        _ => 0,
    };

    private static string Describe(HoconNode node) => node switch
    {
        ObjectNode => "an object",
        ArrayNode => "an array",
        _ => $"a {node.KindName}",
    };

    private static ObjectNode MergeAll(IReadOnlyList<HoconNode?> pieces, HoconOrigin origin)
    {
        // The first merge copies; later ones extend that private copy, keeping long chains linear.
        var merged = new ObjectNode(origin);
        foreach (var piece in pieces.OfType<ObjectNode>())
        {
            Merging.MergeInto(merged, piece, inPlace: false);
        }

        return merged;
    }

    private static ArrayNode JoinArrays(IReadOnlyList<HoconNode?> pieces, HoconOrigin origin)
    {
        var items = new List<HoconNode>();
        foreach (var piece in pieces.OfType<ArrayNode>())
        {
            items.AddRange(piece.Items);
            if (items.Count > HoconLimits.MaxValues)
            {
                throw origin.Error($"array concatenation produces more than {HoconLimits.MaxValues} elements");
            }
        }

        return new ArrayNode(items, origin);
    }

    private static ScalarNode JoinStrings(IReadOnlyList<HoconNode?> pieces, HoconOrigin origin)
    {
        var text = new StringBuilder();
        foreach (var piece in pieces)
        {
            text.Append(piece switch
            {
                WhitespaceNode space => space.Text,
                ScalarNode scalar => Render(scalar),
                _ => string.Empty,
            });
            if (text.Length > HoconLimits.MaxDocumentSize)
            {
                throw origin.Error($"string concatenation produces more than {HoconLimits.MaxDocumentSize} characters");
            }
        }

        return new ScalarNode(ScalarKind.String, text.ToString(), origin);
    }
}
