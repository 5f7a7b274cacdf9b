namespace ActorTrust.Hocon.Model;

/// <summary>
/// The duplicate-key rule: a later object merges into an earlier object, any other later value
/// replaces the earlier one, and when either side is unresolved the decision is delayed.
/// </summary>
/// <remarks>
/// The parser merges in place: it owns every node it has built so far, so it can
/// extend them instead of copying (keeping long files of dotted keys linear). Resolution shares
/// nodes between fields and must merge into copies.
/// </remarks>
internal static class Merging
{
    /// <summary>Merges a later definition over an earlier one.</summary>
    /// <param name="older">The earlier value, or <see langword="null"/> if there is none.</param>
    /// <param name="newer">The later value.</param>
    /// <param name="inPlace">Whether <paramref name="older"/> and its descendants may be modified.</param>
    public static HoconNode Merge(HoconNode? older, HoconNode newer, bool inPlace = false)
    {
        if (older is null)
        {
            return newer;
        }

        if (newer.IsUnresolved)
        {
            return Stack(older, newer, inPlace);
        }

        if (newer is ObjectNode newObject)
        {
            if (older is ObjectNode oldObject)
            {
                return inPlace ? MergeInto(oldObject, newObject, inPlace: true) : MergeObjects(oldObject, newObject);
            }

            if (older.IsUnresolved)
            {
                return Stack(older, newer, inPlace);
            }
        }

        return newer;
    }

    /// <summary>Merges two objects into a new one; fields of <paramref name="newer"/> win or merge recursively.</summary>
    public static ObjectNode MergeObjects(ObjectNode older, ObjectNode newer)
    {
        var merged = new ObjectNode(newer.Origin);
        foreach (var (key, value) in older.Fields)
        {
            merged.Set(key, value);
        }

        return MergeInto(merged, newer, inPlace: false);
    }

    /// <summary>
    /// Merges the fields of <paramref name="newer"/> into <paramref name="target"/>, which the caller
    /// owns. Nested objects are merged in place only when <paramref name="inPlace"/> is set.
    /// </summary>
    public static ObjectNode MergeInto(ObjectNode target, ObjectNode newer, bool inPlace)
    {
        foreach (var (key, value) in newer.Fields)
        {
            target.Set(key, Merge(target.Get(key), value, inPlace));
        }

        return target;
    }

    private static DelayedMergeNode Stack(HoconNode older, HoconNode newer, bool inPlace)
    {
        if (inPlace && older is DelayedMergeNode owned)
        {
            owned.Push(newer);
            return owned;
        }

        var merge = new DelayedMergeNode(newer.Origin);
        merge.Push(older);
        merge.Push(newer);
        return merge;
    }
}
