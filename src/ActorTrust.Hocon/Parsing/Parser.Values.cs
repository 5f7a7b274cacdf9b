using ActorTrust.Hocon.Model;

namespace ActorTrust.Hocon.Parsing;

/// <summary>Values: simple values, objects, arrays and concatenations.</summary>
internal sealed partial class Parser
{
    /// <summary>
    /// Reads one value: a single value or a concatenation of values on the same line. Returns
    /// <see langword="null"/> when there is no value before the end of the field.
    /// </summary>
    private HoconNode? ParseValue(string[]? path)
    {
        var start = Peek();
        var pieces = new List<HoconNode>();
        Token? space = null;
        while (true)
        {
            var token = Peek();
            if (token.Kind == TokenKind.Whitespace)
            {
                Next();
                space = pieces.Count > 0 ? token : null;
                continue;
            }

            if (token.Kind is TokenKind.Newline or TokenKind.Comma or TokenKind.CloseBrace or TokenKind.CloseBracket or TokenKind.End)
            {
                break;
            }

            if (token.Kind is TokenKind.Colon or TokenKind.Equals or TokenKind.PlusEquals)
            {
                throw token.Origin.Error($"unexpected {token.Describe()} in a value; quote strings that contain ':' or '=', and separate fields with a comma or new line");
            }

            if (space is not null)
            {
                pieces.Add(new WhitespaceNode(space.Text, space.Origin));
                space = null;
            }

            pieces.Add(ParseSingle(path));
        }

        return pieces.Count switch
        {
            0 => null,
            1 => pieces[0],
            _ => Concatenation.FromParse(pieces, start.Origin),
        };
    }

    private HoconNode ParseSingle(string[]? path)
    {
        var token = Next();
        return token.Kind switch
        {
            TokenKind.OpenBrace => ParseObjectBody(token, braced: true, path),
            TokenKind.OpenBracket => ParseArray(token),
            TokenKind.Quoted or TokenKind.Unquoted => new ScalarNode(ScalarKind.String, token.Text, token.Origin),
            TokenKind.Number => new ScalarNode(ScalarKind.Number, token.Text, token.Origin),
            TokenKind.True or TokenKind.False => new ScalarNode(ScalarKind.Boolean, token.Text, token.Origin),
            TokenKind.Null => new ScalarNode(ScalarKind.Null, token.Text, token.Origin),
            TokenKind.Substitution => new SubstitutionNode(
                PathExpression.Parse(token.PathPieces, token.Origin),
                token.Optional,
                basePath.Length > 0 ? basePath : null,
                token.Text,
                token.Origin),
            _ => throw token.Origin.Error($"unexpected {token.Describe()}"),
        };
    }

    private ArrayNode ParseArray(Token open)
    {
        EnterNesting(open.Origin);
        var items = new List<HoconNode>();
        while (true)
        {
            SkipBlank();
            var token = Peek();
            if (token.Kind == TokenKind.CloseBracket)
            {
                Next();
                break;
            }

            if (token.Kind == TokenKind.End)
            {
                throw token.Origin.Error($"unbalanced '[' at {open.Origin.Line}:{open.Origin.Column}: expected ']' before end of input");
            }

            if (token.Kind == TokenKind.Comma)
            {
                throw token.Origin.Error("unexpected ','; a comma may only follow an array element, once");
            }

            var item = ParseValue(path: null)
                ?? throw token.Origin.Error($"expected an array element or ']', found {token.Describe()}");
            items.Add(item);
            ExpectSeparator(TokenKind.CloseBracket, "an array element");
        }

        depth--;
        return new ArrayNode(items, open.Origin);
    }
}
