using ActorTrust.Hocon.Model;

namespace ActorTrust.Hocon.Parsing;

/// <summary>Fields, values, arrays and concatenations.</summary>
internal sealed partial class Parser
{
    private void ParseField(ObjectNode node, string[]? path)
    {
        var start = Peek();
        var pieces = ReadKeyPieces();
        if (pieces.Count == 0)
        {
            throw start.Origin.Error($"expected a key, found {start.Describe()}");
        }

        var key = PathExpression.Parse(pieces, start.Origin);
        var shown = PathExpression.Render(pieces);
        var separator = Peek();
        if (separator.Kind is not (TokenKind.Colon or TokenKind.Equals or TokenKind.PlusEquals or TokenKind.OpenBrace))
        {
            var found = separator.Kind is TokenKind.Newline or TokenKind.End ? string.Empty : $", found {separator.Describe()}";
            throw separator.Origin.Error($"expected '=' or ':' after key \"{shown}\"{found}");
        }

        if (separator.Kind != TokenKind.OpenBrace)
        {
            Next();
            SkipBlank();
        }

        string[]? valuePath = path is null ? null : [.. path, .. key];
        depth += key.Length - 1;
        var value = ParseValue(valuePath);
        depth -= key.Length - 1;
        if (value is null)
        {
            var next = Peek();
            throw next.Origin.Error($"expected a value for key \"{shown}\", found {next.Describe()}");
        }

        if (separator.Kind == TokenKind.PlusEquals)
        {
            value = Append(valuePath, value, separator);
        }

        SetField(node, key, value, start.Origin);
    }

    private List<PathPiece> ReadKeyPieces()
    {
        var pieces = new List<PathPiece>();
        while (true)
        {
            var token = Peek();
            switch (token.Kind)
            {
                case TokenKind.Unquoted or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null:
                    pieces.Add(new PathPiece(token.Text, Quoted: false));
                    break;
                case TokenKind.Quoted:
                    pieces.Add(new PathPiece(token.Text, Quoted: true));
                    break;
                case TokenKind.Whitespace:
                    pieces.Add(new PathPiece(token.Text, Quoted: false, IsWhitespace: true));
                    break;
                case TokenKind.Substitution:
                    throw token.Origin.Error("substitutions are not allowed in keys");
                default:
                    while (pieces.Count > 0 && pieces[^1].IsWhitespace)
                    {
                        pieces.RemoveAt(pieces.Count - 1);
                    }

                    return pieces;
            }

            Next();
        }
    }

    /// <summary><c>a += x</c> means <c>a = ${?a} [x]</c>, with the field's absolute path.</summary>
    private static ConcatNode Append(string[]? fieldPath, HoconNode value, Token separator)
    {
        if (fieldPath is null)
        {
            throw separator.Origin.Error("'+=' cannot be used in an object that is an array element");
        }

        var display = $"${{?{PathExpression.Render(fieldPath)}}}";
        var previous = new SubstitutionNode(fieldPath, optional: true, prefix: null, display, separator.Origin);
        return new ConcatNode([previous, new ArrayNode([value], value.Origin)], separator.Origin);
    }

    /// <summary>Sets <c>a.b.c = value</c> as <c>a { b { c = value } }</c>, merging with what is already there.</summary>
    private void SetField(ObjectNode node, string[] key, HoconNode value, HoconOrigin origin)
    {
        if (depth + key.Length - 1 > HoconLimits.MaxDepth)
        {
            throw origin.Error($"objects and arrays are nested more than {HoconLimits.MaxDepth} levels deep");
        }

        for (var i = key.Length - 1; i >= 1; i--)
        {
            var wrapper = new ObjectNode(origin);
            wrapper.Set(key[i], value);
            value = wrapper;
        }

        node.Set(key[0], Merging.Merge(node.Get(key[0]), value, inPlace: true));
    }

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
