using System.Text.RegularExpressions;
using ActorTrust.Hocon.Parsing;

namespace ActorTrust.Hocon.Includes;

/// <summary>How an include names its resource.</summary>
internal enum IncludeKind
{
    /// <summary><c>include "x"</c>: a URL if it has a scheme, otherwise a file.</summary>
    Heuristic,
    File,
    Url,
    Classpath,
}

/// <summary>
/// A parsed include statement: <c>include "x"</c>, <c>include file("x")</c>, <c>url(...)</c>,
/// <c>classpath(...)</c>, optionally wrapped in <c>required(...)</c>.
/// </summary>
internal sealed partial record IncludeDirective(IncludeKind Kind, string Name, bool Required, HoconOrigin Origin)
{
    private const string Usage = "include must be followed by a quoted name: include \"x.conf\", include file(\"x.conf\") or include required(file(\"x.conf\"))";

    /// <summary>
    /// Parses the tokens after <c>include</c>. The tokenizer reads <c>required(file(</c> and <c>))</c>
    /// as unquoted text, so the wrappers are matched on the text around the single quoted string.
    /// </summary>
    public static IncludeDirective Parse(IReadOnlyList<Token> arguments, HoconOrigin origin)
    {
        var quoted = arguments.Where(t => t.Kind == TokenKind.Quoted).ToList();
        if (quoted.Count != 1)
        {
            throw origin.Error(Usage);
        }

        var at = arguments.ToList().IndexOf(quoted[0]);
        var before = Unquoted(arguments.Take(at));
        var after = Unquoted(arguments.Skip(at + 1));
        var required = before.StartsWith("required(", StringComparison.Ordinal);
        if (required)
        {
            before = before["required(".Length..];
            after = after.EndsWith(')') ? after[..^1] : throw origin.Error(Usage);
        }

        var kind = before switch
        {
            "" => IncludeKind.Heuristic,
            "file(" => IncludeKind.File,
            "url(" => IncludeKind.Url,
            "classpath(" => IncludeKind.Classpath,
            _ => throw origin.Error(Usage),
        };
        if (after != (kind == IncludeKind.Heuristic ? string.Empty : ")"))
        {
            throw origin.Error(Usage);
        }

        var name = quoted[0].Text;
        if (kind == IncludeKind.Heuristic && UrlScheme().IsMatch(name))
        {
            kind = IncludeKind.Url;
        }

        return new IncludeDirective(kind, name, required, origin);
    }

    private static string Unquoted(IEnumerable<Token> tokens) =>
        string.Concat(tokens.Where(t => t.Kind == TokenKind.Unquoted).Select(t => t.Text));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:")]
    private static partial Regex UrlScheme();
}
