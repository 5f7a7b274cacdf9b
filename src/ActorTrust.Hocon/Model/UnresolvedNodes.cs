using ActorTrust.Hocon.Parsing;

namespace ActorTrust.Hocon.Model;

/// <summary>
/// A substitution <c>${path}</c> or <c>${?path}</c>. <see cref="Prefix"/> is set for substitutions
/// written in an included file: the path of the object that included it, tried before the path alone.
/// </summary>
internal sealed class SubstitutionNode(string[] path, bool optional, string[]? prefix, string display, HoconOrigin origin)
    : HoconNode(origin)
{
    public string[] Path { get; } = path;

    public bool Optional { get; } = optional;

    public string[]? Prefix { get; } = prefix;

    /// <summary>The substitution as written, for messages.</summary>
    public string Display { get; } = display;

    public override bool IsUnresolved => true;

    public override string KindName => "substitution";
}

/// <summary>A value concatenation that contains at least one substitution (others are folded while parsing).</summary>
internal sealed class ConcatNode(IReadOnlyList<HoconNode> pieces, HoconOrigin origin) : HoconNode(origin)
{
    public IReadOnlyList<HoconNode> Pieces { get; } = pieces;

    public override bool IsUnresolved => true;

    public override string KindName => "concatenation";
}

/// <summary>
/// Successive definitions of one field, oldest first, whose merge can only be decided after
/// resolution because a definition is unresolved. Self-references in a level resolve against the
/// levels below it.
/// </summary>
internal sealed class DelayedMergeNode(HoconOrigin origin) : HoconNode(origin)
{
    private readonly List<HoconNode> levels = [];

    public IReadOnlyList<HoconNode> Levels => levels;

    /// <summary>Adds a later definition on top (flattening nested merges). Only called while building the node.</summary>
    public void Push(HoconNode definition)
    {
        if (definition is DelayedMergeNode delayed)
        {
            levels.AddRange(delayed.levels);
        }
        else
        {
            levels.Add(definition);
        }
    }

    public override bool IsUnresolved => true;

    public override string KindName => "merge";
}
