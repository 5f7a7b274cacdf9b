using ActorTrust.Hocon.Model;
using ActorTrust.Hocon.Parsing;

namespace ActorTrust.Hocon.Resolution;

/// <summary>
/// Resolves substitutions against the whole merged document.
/// </summary>
/// <remarks>
/// <para>
/// Resolution is lazy and memoised per node instance. A node is first resolved "shallowly" (to an
/// object, array or simple value whose own children may still be unresolved), which is all a path
/// lookup needs; an object referring to paths within itself therefore works. The full resolution
/// walks the tree afterwards.
/// </para>
/// <para>
/// Self-reference: while a definition of a field is being resolved, a lookup that passes through
/// that field sees only the definitions below it (the earlier values), as the specification
/// requires for <c>path = ${path} [x]</c> and <c>a += x</c>. When nothing is below, the lookup is a
/// cycle: a missing value for <c>${?x}</c>, an error naming the cycle for <c>${x}</c>.
/// </para>
/// </remarks>
internal sealed partial class Resolver
{
    private readonly ObjectNode root;
    private readonly Func<string, string?> environment;
    private readonly Dictionary<HoconNode, HoconNode?> shallow = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconNode> inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(HoconNode Merge, int Levels), HoconNode?> prefixes = [];
    private readonly Dictionary<HoconNode, HoconNode?> resolved = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconNode> resolving = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<HoconNode, Dictionary<HoconNode, int>> levelIndexes = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> trail = [];
    private int depth;

    private Resolver(ObjectNode root, Func<string, string?> environment)
    {
        this.root = root;
        this.environment = environment;
    }

    /// <summary>Resolves every substitution; the result contains only objects, arrays and simple values.</summary>
    /// <param name="root">The merged document.</param>
    /// <param name="environment">Fallback for substitutions not found in the document (normally environment variables).</param>
    public static ObjectNode Resolve(ObjectNode root, Func<string, string?> environment) =>
        (ObjectNode)new Resolver(root, environment).Full(root, string.Empty, 0)!;

    /// <summary>Fully resolves a node; <see langword="null"/> means undefined (an unresolved optional substitution).</summary>
    private HoconNode? Full(HoconNode node, string label, int level)
    {
        if (resolved.TryGetValue(node, out var done))
        {
            return done;
        }

        if (level > HoconLimits.MaxDepth)
        {
            throw node.Origin.Error($"the resolved configuration is nested more than {HoconLimits.MaxDepth} levels deep at '{label}'");
        }

        HoconNode? result;
        switch (node)
        {
            case { IsUnresolved: true }:
                var value = ShallowAt(node, label);
                if (value is not null && resolving.Contains(value))
                {
                    throw node.Origin.Error($"substitution cycle: the value of '{label}' refers to an object or array that contains it");
                }

                result = value is null ? null : Full(value, label, level);
                break;
            case ObjectNode obj:
                resolving.Add(obj);
                var copy = new ObjectNode(obj.Origin);
                foreach (var (key, child) in obj.Fields)
                {
                    if (Full(child, Join(label, key), level + 1) is { } field)
                    {
                        copy.Set(key, field);
                    }
                }

                resolving.Remove(obj);
                result = copy;
                break;
            case ArrayNode array:
                resolving.Add(array);
                var items = new List<HoconNode>(array.Items.Count);
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (Full(array.Items[i], $"{label}[{i}]", level + 1) is { } item)
                    {
                        items.Add(item);
                    }
                }

                resolving.Remove(array);
                result = new ArrayNode(items, array.Origin);
                break;
            default:
                result = node;
                break;
        }

        resolved[node] = result;
        return result;
    }

    /// <summary>Shallow resolution of a field's value, recording the field for cycle messages.</summary>
    private HoconNode? ShallowAt(HoconNode node, string label)
    {
        trail.Add(label);
        try
        {
            return Shallow(node);
        }
        finally
        {
            trail.RemoveAt(trail.Count - 1);
        }
    }

    private static string Join(string label, string key)
    {
        var element = PathExpression.Render([key]);
        return label.Length == 0 ? element : $"{label}.{element}";
    }
}
