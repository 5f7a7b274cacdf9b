using ActorTrust.Hocon.Parsing;

namespace ActorTrust.Hocon.Model;

/// <summary>
/// A value in the HOCON tree. Nodes are immutable once their object or array has been parsed;
/// merging always builds new nodes, so resolution can share them freely and key memos on identity.
/// </summary>
internal abstract class HoconNode(HoconOrigin origin)
{
    public HoconOrigin Origin { get; } = origin;

    /// <summary>True for substitutions, concatenations containing them, and delayed merges: values only known after resolution.</summary>
    public virtual bool IsUnresolved => false;

    /// <summary>The kind of value, for messages ("object", "array", "string", ...).</summary>
    public abstract string KindName { get; }
}

/// <summary>The kinds of simple value. Numbers and booleans keep the text they were written with.</summary>
internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>A simple value: string, number, boolean or null.</summary>
internal sealed class ScalarNode(ScalarKind kind, string text, HoconOrigin origin) : HoconNode(origin)
{
    public ScalarKind Kind { get; } = kind;

    /// <summary>The value as text: strings unescaped, numbers as written, <c>true</c>/<c>false</c>, <c>null</c>.</summary>
    public string Text { get; } = text;

    public override string KindName => Kind switch
    {
        ScalarKind.Number => "number",
        ScalarKind.Boolean => "boolean",
        ScalarKind.Null => "null",
        _ => "string",
    };
}

/// <summary>Whitespace between two values of a concatenation; kept because string concatenation preserves it.</summary>
internal sealed class WhitespaceNode(string text, HoconOrigin origin) : HoconNode(origin)
{
    public string Text { get; } = text;

    public override string KindName => "whitespace";
}

/// <summary>An array; elements may still be unresolved.</summary>
internal sealed class ArrayNode(IReadOnlyList<HoconNode> items, HoconOrigin origin) : HoconNode(origin)
{
    public IReadOnlyList<HoconNode> Items { get; } = items;

    public override string KindName => "array";
}
