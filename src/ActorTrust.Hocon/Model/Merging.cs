namespace ActorTrust.Hocon.Model;

/// <summary>
/// The duplicate-key rule: a later object merges into an earlier object, any other later value
/// replaces the earlier one, and when either side is unresolved the decision is delayed.
/// </summary>
internal static class Merging
{
    public static HoconNode Merge(HoconNode? older, HoconNode newer)
    {
        if (older is null)
        {
            return newer;
        }

        if (newer.IsUnresolved)
        {
            return Stack(older, newer);
        }

        if (newer is ObjectNode newObject)
        {
            if (older is ObjectNode oldObject)
            {
                return MergeObjects(oldObject, newObject);
            }

            if (older.IsUnresolved)
            {
                return Stack(older, newer);
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

        foreach (var (key, value) in newer.Fields)
        {
            merged.Set(key, Merge(merged.Get(key), value));
        }

        return merged;
    }

    private static DelayedMergeNode Stack(HoconNode older, HoconNode newer)
    {
        var levels = new List<HoconNode>();
        AddLevels(levels, older);
        AddLevels(levels, newer);
        return new DelayedMergeNode(levels, newer.Origin);
    }

    private static void AddLevels(List<HoconNode> levels, HoconNode node)
    {
        if (node is DelayedMergeNode delayed)
        {
            levels.AddRange(delayed.Levels);
        }
        else
        {
            levels.Add(node);
        }
    }
}
