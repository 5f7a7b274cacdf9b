namespace ActorTrust.Hocon.Parsing;

/// <summary>
/// Splits HOCON text into tokens. Comments are dropped; newlines and runs of other whitespace are
/// kept because they separate fields and take part in value concatenation.
/// </summary>
internal sealed partial class Tokenizer
{
    private readonly string text;
    private readonly string? file;
    private readonly List<Token> tokens = [];
    private int position;
    private int line = 1;
    private int column = 1;

    private Tokenizer(string text, string? file)
    {
        this.text = text;
        this.file = file;
    }

    public static IReadOnlyList<Token> Tokenize(string text, string? file)
    {
        var tokenizer = new Tokenizer(text, file);
        tokenizer.Run();
        return tokenizer.tokens;
    }

    private HoconOrigin Here => new(file, line, column);

    private bool AtEnd => position >= text.Length;

    private char Peek(int ahead = 0) => position + ahead < text.Length ? text[position + ahead] : '\0';

    private void Advance(int count = 1)
    {
        for (var i = 0; i < count && position < text.Length; i++)
        {
            if (text[position] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            position++;
        }
    }

    private void Add(TokenKind kind, string value, HoconOrigin origin) => tokens.Add(new Token(kind, value, origin));

    private void Run()
    {
        while (!AtEnd)
        {
            var c = text[position];
            var origin = Here;
            if (c == '\n')
            {
                Advance();
                Add(TokenKind.Newline, "\n", origin);
            }
            else if (HoconChars.IsWhitespace(c))
            {
                Add(TokenKind.Whitespace, ReadWhitespace(), origin);
            }
            else if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (!AtEnd && text[position] != '\n')
                {
                    Advance();
                }
            }
            else
            {
                ReadToken(c, origin);
            }
        }

        Add(TokenKind.End, string.Empty, Here);
    }

    private void ReadToken(char c, HoconOrigin origin)
    {
        switch (c)
        {
            case '{': Punctuation(TokenKind.OpenBrace, origin); break;
            case '}': Punctuation(TokenKind.CloseBrace, origin); break;
            case '[': Punctuation(TokenKind.OpenBracket, origin); break;
            case ']': Punctuation(TokenKind.CloseBracket, origin); break;
            case ',': Punctuation(TokenKind.Comma, origin); break;
            case ':': Punctuation(TokenKind.Colon, origin); break;
            case '=': Punctuation(TokenKind.Equals, origin); break;
            case '+' when Peek(1) == '=':
                Advance(2);
                Add(TokenKind.PlusEquals, "+=", origin);
                break;
            case '+':
                throw origin.Error("'+' is only valid in the '+=' separator; quote strings that contain '+'");
            case '"' when Peek(1) == '"' && Peek(2) == '"':
                Add(TokenKind.Quoted, ReadTripleQuoted(origin), origin);
                break;
            case '"':
                Add(TokenKind.Quoted, ReadQuoted(origin), origin);
                break;
            case '$' when Peek(1) == '{':
                ReadSubstitution(origin);
                break;
            case '$':
                throw origin.Error("'$' is only valid at the start of a substitution '${...}'; quote strings that contain '$'");
            case '-' or (>= '0' and <= '9'):
                ReadNumber(origin);
                break;
            default:
                if (HoconChars.IsForbiddenInUnquoted(c))
                {
                    throw origin.Error($"character '{c}' is reserved and not allowed in unquoted text; quote the string");
                }

                ReadUnquoted(origin);
                break;
        }
    }

    private void Punctuation(TokenKind kind, HoconOrigin origin)
    {
        Add(kind, text[position].ToString(), origin);
        Advance();
    }

    private string ReadWhitespace()
    {
        var start = position;
        while (!AtEnd && text[position] != '\n' && HoconChars.IsWhitespace(text[position]))
        {
            Advance();
        }

        return text[start..position];
    }
}
