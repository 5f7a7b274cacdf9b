using System.Runtime.CompilerServices;
using ActorTrust.Hocon.Model;

namespace ActorTrust.Hocon.Resolution;

/// <summary>Shallow resolution: substitutions, concatenations and delayed merges, memoised per node.</summary>
internal sealed partial class Resolver
{
    /// <summary>Resolves a node to an object, array or simple value whose children may be unresolved.</summary>
    private HoconNode? Shallow(HoconNode node)
    {
        if (!node.IsUnresolved)
        {
            return node;
        }

        if (depth >= HoconLimits.MaxResolutionDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw node.Origin.Error($"substitutions depend on each other more than {HoconLimits.MaxResolutionDepth} levels deep");
        }

        depth++;
        try
        {
            return node switch
            {
                SubstitutionNode substitution => Memo(substitution, () => Substitute(substitution)),
                ConcatNode concat => Memo(concat, () => Concatenate(concat)),
                _ => Prefix((DelayedMergeNode)node, ((DelayedMergeNode)node).Levels.Count),
            };
        }
        finally
        {
            depth--;
        }
    }

    private HoconNode? Memo(HoconNode node, Func<HoconNode?> compute)
    {
        if (shallow.TryGetValue(node, out var value))
        {
            return value;
        }

        if (!inProgress.Add(node))
        {
            throw node.Origin.Error("substitution cycle: a value depends on itself");
        }

        try
        {
            value = compute();
        }
        finally
        {
            inProgress.Remove(node);
        }

        shallow[node] = value;
        return value;
    }

    private HoconNode? Concatenate(ConcatNode concat)
    {
        var pieces = new List<HoconNode?>(concat.Pieces.Count);
        foreach (var piece in concat.Pieces)
        {
            pieces.Add(piece is SubstitutionNode ? Shallow(piece) : piece);
        }

        return Concatenation.Combine(pieces, concat.Origin);
    }

    /// <summary>
    /// The merge of the lowest <paramref name="count"/> definitions of a field, resolved from the top
    /// down: a non-object on top wins and hides everything below it unevaluated; objects merge over
    /// the definitions below until a non-object is reached; undefined definitions are skipped.
    /// </summary>
    private HoconNode? Prefix(DelayedMergeNode merge, int count)
    {
        if (prefixes.TryGetValue((merge, count), out var cached))
        {
            return cached;
        }

        var objects = new List<ObjectNode>();
        HoconNode? result = null;
        for (var i = count - 1; i >= 0; i--)
        {
            var value = Shallow(merge.Levels[i]);
            if (value is ObjectNode obj)
            {
                objects.Add(obj);
            }
            else if (value is not null)
            {
                result = objects.Count == 0 ? value : null;
                break;
            }
        }

        if (objects.Count > 0)
        {
            result = objects[^1];
            for (var i = objects.Count - 2; i >= 0; i--)
            {
                result = i == objects.Count - 2
                    ? Merging.MergeObjects((ObjectNode)result, objects[i])
                    : Merging.MergeInto((ObjectNode)result, objects[i], inPlace: false);
            }
        }

        prefixes[(merge, count)] = result;
        return result;
    }
}
