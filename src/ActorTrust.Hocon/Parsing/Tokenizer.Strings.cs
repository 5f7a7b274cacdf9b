using System.Globalization;
using System.Text;

namespace ActorTrust.Hocon.Parsing;

/// <summary>Quoted strings, triple-quoted strings and substitutions.</summary>
internal sealed partial class Tokenizer
{
    /// <summary>Reads a JSON string starting at the opening quote; returns its unescaped contents.</summary>
    private string ReadQuoted(HoconOrigin origin)
    {
        Advance();
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw origin.Error("unterminated quoted string: expected a closing '\"'");
            }

            var c = text[position];
            if (c == '"')
            {
                Advance();
                return value.ToString();
            }

            if (c == '\n')
            {
                throw origin.Error("unterminated quoted string: a quoted string may not span lines (use \\n or a triple-quoted string)");
            }

            if (c == '\\')
            {
                value.Append(ReadEscape());
                continue;
            }

            if (c < ' ')
            {
                throw Here.Error($"control character U+{(int)c:X4} must be escaped in a quoted string");
            }

            value.Append(c);
            Advance();
        }
    }

    private char ReadEscape()
    {
        var origin = Here;
        var escaped = Peek(1);
        Advance(2);
        switch (escaped)
        {
            case '"' or '\\' or '/': return escaped;
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                var digits = position + 4 <= text.Length ? text.Substring(position, 4) : string.Empty;
                if (!ushort.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    throw origin.Error("bad escape sequence: '\\u' must be followed by four hexadecimal digits");
                }

                Advance(4);
                return (char)code;
            default:
                var shown = escaped == '\0' ? "end of input" : $"'\\{escaped}'";
                throw origin.Error($"bad escape sequence {shown} in quoted string (valid escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
    }

    /// <summary>
    /// Reads a <c>"""</c> string verbatim. Any run of three or more quotes ends it; quotes beyond
    /// the final three belong to the string.
    /// </summary>
    private string ReadTripleQuoted(HoconOrigin origin)
    {
        Advance(3);
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw origin.Error("unterminated triple-quoted string: expected a closing '\"\"\"'");
            }

            if (text[position] != '"')
            {
                value.Append(text[position]);
                Advance();
                continue;
            }

            var run = 0;
            while (Peek(run) == '"')
            {
                run++;
            }

            Advance(run);
            if (run >= 3)
            {
                value.Append('"', run - 3);
                return value.ToString();
            }

            value.Append('"', run);
        }
    }

    /// <summary>Reads <c>${path}</c> or <c>${?path}</c>; the path is kept as pieces for <see cref="PathExpression"/>.</summary>
    private void ReadSubstitution(HoconOrigin origin)
    {
        var start = position;
        Advance(2);
        var optional = Peek() == '?';
        if (optional)
        {
            Advance();
        }

        var pieces = new List<PathPiece>();
        while (true)
        {
            if (AtEnd || Peek() == '\n')
            {
                throw origin.Error("unterminated substitution: expected '}'");
            }

            var c = Peek();
            if (c == '}')
            {
                Advance();
                break;
            }

            if (HoconChars.IsWhitespace(c))
            {
                pieces.Add(new PathPiece(ReadWhitespace(), Quoted: false, IsWhitespace: true));
            }
            else if (c == '"')
            {
                pieces.Add(new PathPiece(ReadQuoted(Here), Quoted: true));
            }
            else if (HoconChars.IsForbiddenInUnquoted(c))
            {
                throw Here.Error($"character '{c}' is not allowed in a substitution path; quote the key");
            }
            else
            {
                var pieceStart = position;
                while (!AtEnd && !HoconChars.IsForbiddenInUnquoted(Peek()) && !HoconChars.IsWhitespace(Peek()))
                {
                    Advance();
                }

                pieces.Add(new PathPiece(text[pieceStart..position], Quoted: false));
            }
        }

        tokens.Add(new Token(TokenKind.Substitution, text[start..position], origin)
        {
            Optional = optional,
            PathPieces = pieces,
        });
    }
}
