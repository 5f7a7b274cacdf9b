using ActorTrust.Hocon.Model;
using ActorTrust.Hocon.Parsing;

namespace ActorTrust.Hocon.Resolution;

/// <summary>Substitution lookups: document first (with self-reference looking back), then the environment.</summary>
internal sealed partial class Resolver
{
    private HoconNode? Substitute(SubstitutionNode substitution)
    {
        var result = substitution.Prefix is { } prefix ? Lookup([.. prefix, .. substitution.Path]) : LookupResult.Missing;
        if (!result.Found)
        {
            var plain = Lookup(substitution.Path);
            if (plain.Found || result.Cycle is null)
            {
                result = plain;
            }
        }

        if (result.Found)
        {
            return result.Value;
        }

        var name = string.Join('.', substitution.Path);
        if (environment(name) is { } variable)
        {
            return new ScalarNode(ScalarKind.String, variable, substitution.Origin);
        }

        if (substitution.Optional)
        {
            return null;
        }

        throw substitution.Origin.Error(result.Cycle is { } cycle
            ? $"could not resolve substitution {substitution.Display}: substitution cycle {cycle}"
            : $"could not resolve substitution {substitution.Display}: there is no such setting and no environment variable named '{name}'");
    }

    /// <summary>
    /// Walks the path from the root, resolving only the fields on the way. A field with a definition
    /// being resolved right now yields the definitions below that one.
    /// </summary>
    private LookupResult Lookup(string[] path)
    {
        HoconNode current = root;
        for (var i = 0; i < path.Length; i++)
        {
            if (current is not ObjectNode obj || obj.Get(path[i]) is not { } field)
            {
                return LookupResult.Missing;
            }

            var label = PathExpression.Render(path.Take(i + 1));
            var levels = field is DelayedMergeNode merge ? merge.Levels : [field];
            var busy = FirstInProgress(levels, field);
            HoconNode? value;
            if (busy < 0)
            {
                value = ShallowAt(field, label);
            }
            else
            {
                value = busy > 0 ? Prefix((DelayedMergeNode)field, busy) : null;
                if (value is null)
                {
                    return new LookupResult(null, Cycle: DescribeCycle(label));
                }
            }

            if (value is null)
            {
                return LookupResult.Missing;
            }

            current = value;
        }

        return new LookupResult(current, Cycle: null);
    }

    /// <summary>
    /// The lowest definition of a field that is being resolved right now, or -1. Fields with many
    /// definitions (long <c>+=</c> chains) are searched through the few in-progress nodes instead.
    /// </summary>
    private int FirstInProgress(IReadOnlyList<HoconNode> levels, HoconNode field)
    {
        if (levels.Count <= inProgress.Count || field is not DelayedMergeNode merge)
        {
            for (var i = 0; i < levels.Count; i++)
            {
                if (inProgress.Contains(levels[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        if (!levelIndexes.TryGetValue(merge, out var index))
        {
            index = new Dictionary<HoconNode, int>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < levels.Count; i++)
            {
                index.TryAdd(levels[i], i);
            }

            levelIndexes[merge] = index;
        }

        var lowest = -1;
        foreach (var node in inProgress)
        {
            if (index.TryGetValue(node, out var i) && (lowest < 0 || i < lowest))
            {
                lowest = i;
            }
        }

        return lowest;
    }

    private string DescribeCycle(string label)
    {
        var start = trail.LastIndexOf(label);
        var steps = start < 0 ? [label] : trail.Skip(start);
        return string.Join(" -> ", steps.Append(label));
    }

    private readonly record struct LookupResult(HoconNode? Value, string? Cycle)
    {
        public static LookupResult Missing => new(null, null);

        public bool Found => Value is not null;
    }
}
