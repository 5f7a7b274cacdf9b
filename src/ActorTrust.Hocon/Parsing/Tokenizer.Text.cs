namespace ActorTrust.Hocon.Parsing;

/// <summary>Unquoted text, keywords and numbers.</summary>
internal sealed partial class Tokenizer
{
    private void ReadUnquoted(HoconOrigin origin)
    {
        foreach (var (keyword, kind) in Keywords)
        {
            if (string.CompareOrdinal(text, position, keyword, 0, keyword.Length) == 0)
            {
                Advance(keyword.Length);
                Add(kind, keyword, origin);
                return;
            }
        }

        var start = position;
        while (!AtEnd && !EndsUnquoted(text[position]))
        {
            Advance();
        }

        Add(TokenKind.Unquoted, text[start..position], origin);
    }

    private bool EndsUnquoted(char c) =>
        HoconChars.IsForbiddenInUnquoted(c) || HoconChars.IsWhitespace(c) || (c == '/' && Peek(1) == '/');

    private static readonly (string Keyword, TokenKind Kind)[] Keywords =
    [
        ("true", TokenKind.True),
        ("false", TokenKind.False),
        ("null", TokenKind.Null),
    ];

    private void ReadNumber(HoconOrigin origin)
    {
        var start = position;
        if (Peek() == '-')
        {
            if (!HoconChars.IsDigit(Peek(1)))
            {
                throw origin.Error("'-' may only start a number; quote strings that begin with '-'");
            }

            Advance();
        }

        if (Peek() == '0')
        {
            Advance();
        }
        else
        {
            SkipDigits();
        }

        if (Peek() == '.' && HoconChars.IsDigit(Peek(1)))
        {
            Advance();
            SkipDigits();
        }

        if (Peek() is 'e' or 'E')
        {
            var sign = Peek(1) is '+' or '-' ? 1 : 0;
            if (HoconChars.IsDigit(Peek(1 + sign)))
            {
                Advance(1 + sign);
                SkipDigits();
            }
        }

        Add(TokenKind.Number, text[start..position], origin);
    }

    private void SkipDigits()
    {
        while (HoconChars.IsDigit(Peek()))
        {
            Advance();
        }
    }
}
