namespace ActorTrust.Hocon.Parsing;

/// <summary>The lexical categories of HOCON.</summary>
internal enum TokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    Newline,
    Whitespace,
    Unquoted,
    Quoted,
    Number,
    True,
    False,
    Null,
    Substitution,
    End,
}
