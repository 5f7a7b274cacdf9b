using ActorTrust.Hocon.Includes;
using ActorTrust.Hocon.Model;

namespace ActorTrust.Hocon.Parsing;

/// <summary>
/// Recursive-descent parser from tokens to an unresolved <see cref="ObjectNode"/>. Duplicate keys,
/// dotted keys and includes are merged as they are read; substitutions are left for the resolver.
/// </summary>
internal sealed partial class Parser
{
    private readonly IReadOnlyList<Token> tokens;
    private readonly HoconDocumentSource source;
    private readonly IncludeContext includes;
    private readonly string[] basePath;
    private int index;
    private int depth;

    private Parser(IReadOnlyList<Token> tokens, HoconDocumentSource source, IncludeContext includes, string[] basePath, int depth)
    {
        this.tokens = tokens;
        this.source = source;
        this.includes = includes;
        this.basePath = basePath;
        this.depth = depth;
    }

    /// <summary>Parses one document. <paramref name="basePath"/> is where it is included (empty for the root document).</summary>
    public static ObjectNode ParseDocument(string text, HoconDocumentSource source, IncludeContext includes, string[] basePath, int depth)
    {
        if (text.Length > HoconLimits.MaxDocumentSize)
        {
            throw HoconText.TooLarge(source.DisplayName);
        }

        var tokens = Tokenizer.Tokenize(text, source.DisplayName);
        return new Parser(tokens, source, includes, basePath, depth).ParseRoot();
    }

    private Token Peek() => tokens[index];

    private Token Next() => tokens[index++];

    /// <summary>Skips whitespace and newlines.</summary>
    private void SkipBlank()
    {
        while (Peek().Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            index++;
        }
    }

    /// <summary>Skips whitespace on the current line.</summary>
    private void SkipWhitespace()
    {
        while (Peek().Kind == TokenKind.Whitespace)
        {
            index++;
        }
    }

    private ObjectNode ParseRoot()
    {
        SkipBlank();
        var first = Peek();
        if (first.Kind == TokenKind.OpenBracket)
        {
            throw first.Origin.Error("the root of a HOCON document must be an object, not an array");
        }

        if (first.Kind != TokenKind.OpenBrace)
        {
            return ParseObjectBody(first, braced: false, basePath);
        }

        Next();
        var root = ParseObjectBody(first, braced: true, basePath);
        SkipBlank();
        var after = Peek();
        return after.Kind == TokenKind.End
            ? root
            : throw after.Origin.Error($"unexpected {after.Describe()} after the closing '}}' of the root object");
    }

    /// <summary>Parses fields up to the closing brace (or end of input for a root without braces).</summary>
    /// <param name="open">The opening brace, or the first token of a root without braces.</param>
    /// <param name="braced">Whether a closing brace is expected.</param>
    /// <param name="path">The object's absolute path, or <see langword="null"/> inside an array.</param>
    private ObjectNode ParseObjectBody(Token open, bool braced, string[]? path)
    {
        EnterNesting(open.Origin);
        var node = new ObjectNode(open.Origin);
        while (true)
        {
            SkipBlank();
            var token = Peek();
            if (token.Kind == TokenKind.CloseBrace)
            {
                if (!braced)
                {
                    throw token.Origin.Error("unbalanced '}': there is no matching '{'");
                }

                Next();
                break;
            }

            if (token.Kind == TokenKind.End)
            {
                if (braced)
                {
                    throw token.Origin.Error($"unbalanced '{{' at {open.Origin.Line}:{open.Origin.Column}: expected '}}' before end of input");
                }

                break;
            }

            if (token.Kind == TokenKind.Comma)
            {
                throw token.Origin.Error("unexpected ','; a comma may only follow a field, once");
            }

            if (token.Kind == TokenKind.Unquoted && token.Text == "include")
            {
                ParseInclude(node, path);
            }
            else
            {
                ParseField(node, path);
            }

            ExpectSeparator(TokenKind.CloseBrace, "a field");
        }

        depth--;
        return node;
    }

    /// <summary>After a field or element: a comma, a newline, the closing token or end of input.</summary>
    private void ExpectSeparator(TokenKind close, string what)
    {
        SkipWhitespace();
        var token = Peek();
        if (token.Kind == TokenKind.Comma)
        {
            Next();
        }
        else if (token.Kind != TokenKind.Newline && token.Kind != close && token.Kind != TokenKind.End)
        {
            var closing = close == TokenKind.CloseBrace ? "'}'" : "']'";
            throw token.Origin.Error($"expected ',', a new line or {closing} after {what}, found {token.Describe()}");
        }
    }

    private void EnterNesting(HoconOrigin origin)
    {
        if (++depth > HoconLimits.MaxDepth)
        {
            throw origin.Error($"objects and arrays are nested more than {HoconLimits.MaxDepth} levels deep");
        }
    }

    private void ParseInclude(ObjectNode node, string[]? path)
    {
        var keyword = Next();
        SkipBlank();
        var arguments = new List<Token>();
        while (Peek().Kind is TokenKind.Unquoted or TokenKind.Quoted or TokenKind.Whitespace)
        {
            arguments.Add(Next());
        }

        var directive = IncludeDirective.Parse(arguments, keyword.Origin);
        var included = includes.Load(directive, source, path ?? [], depth);
        if (included is null)
        {
            return;
        }

        foreach (var (key, value) in included.Fields)
        {
            node.Set(key, Merging.Merge(node.Get(key), value, inPlace: true));
        }
    }
}
