using System.Text;

namespace ActorTrust.Hocon.Parsing;

/// <summary>
/// Turns the pieces of a key or substitution path into path elements: dots outside quotes separate
/// elements, quoted text is taken literally, inner whitespace is kept, and empty unquoted elements
/// (<c>a..b</c>, a leading or trailing dot) are errors.
/// </summary>
internal static class PathExpression
{
    public static string[] Parse(IReadOnlyList<PathPiece> pieces, HoconOrigin origin)
    {
        var trimmed = Trim(pieces);
        if (trimmed.Count == 0)
        {
            throw origin.Error("empty path expression");
        }

        var elements = new List<string>();
        var current = new StringBuilder();
        var quotedContent = false;
        foreach (var piece in trimmed)
        {
            if (piece.Quoted || piece.IsWhitespace)
            {
                current.Append(piece.Text);
                quotedContent |= piece.Quoted;
                continue;
            }

            foreach (var c in piece.Text)
            {
                if (c != '.')
                {
                    current.Append(c);
                    continue;
                }

                Complete(elements, current, quotedContent, trimmed, origin);
                quotedContent = false;
            }
        }

        Complete(elements, current, quotedContent, trimmed, origin);
        return [.. elements];
    }

    /// <summary>Renders pieces as they were written, for messages.</summary>
    public static string Render(IReadOnlyList<PathPiece> pieces) =>
        string.Concat(pieces.Select(p => p.Quoted ? $"\"{p.Text}\"" : p.Text));

    /// <summary>Renders path elements as a path expression, quoting elements that need it.</summary>
    public static string Render(IEnumerable<string> elements) =>
        string.Join('.', elements.Select(e => e.Length == 0 || e.Any(c => c == '.' || HoconChars.IsForbiddenInUnquoted(c) || HoconChars.IsWhitespace(c)) ? $"\"{e}\"" : e));

    private static void Complete(List<string> elements, StringBuilder current, bool quotedContent, IReadOnlyList<PathPiece> pieces, HoconOrigin origin)
    {
        if (current.Length == 0 && !quotedContent)
        {
            throw origin.Error($"invalid path '{Render(pieces)}': a path element is empty (a path may not start or end with '.', or contain '..'; quote an empty key as \"\")");
        }

        elements.Add(current.ToString());
        current.Clear();
    }

    private static List<PathPiece> Trim(IReadOnlyList<PathPiece> pieces)
    {
        var start = 0;
        var end = pieces.Count;
        while (start < end && pieces[start].IsWhitespace)
        {
            start++;
        }

        while (end > start && pieces[end - 1].IsWhitespace)
        {
            end--;
        }

        return [.. pieces.Skip(start).Take(end - start)];
    }
}
