namespace ActorTrust.Hocon.Parsing;

/// <summary>One piece of a path expression: text as written, and whether it was quoted (quoted dots are not separators).</summary>
internal readonly record struct PathPiece(string Text, bool Quoted, bool IsWhitespace = false);

/// <summary>A lexical token. Substitution tokens carry their path pieces and whether they are optional (<c>${?x}</c>).</summary>
internal sealed record Token(TokenKind Kind, string Text, HoconOrigin Origin)
{
    public bool Optional { get; init; }

    public IReadOnlyList<PathPiece> PathPieces { get; init; } = [];

    /// <summary>A readable description for error messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Newline => "end of line",
        TokenKind.Whitespace => "whitespace",
        TokenKind.Quoted => $"\"{Text}\"",
        TokenKind.Substitution => Text,
        _ => $"'{Text}'",
    };
}
