using ActorTrust.Hocon.Model;

namespace ActorTrust.Hocon.Parsing;

/// <summary>Fields: keys, separators, <c>+=</c> and dotted-key expansion.</summary>
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
}
