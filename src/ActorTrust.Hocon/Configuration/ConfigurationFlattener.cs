using ActorTrust.Hocon.Model;

namespace ActorTrust.Hocon.Configuration;

/// <summary>
/// Flattens a resolved document into configuration keys the way the JSON provider does: object
/// keys joined with ':', array elements indexed from 0, <c>null</c> as a null value, and an empty
/// object or array as an empty string. Keys are kept exactly as written in HOCON.
/// </summary>
internal static class ConfigurationFlattener
{
    public static Dictionary<string, string?> Flatten(ObjectNode root)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root.Fields)
        {
            Visit(data, key, value);
        }

        return data;
    }

    private static void Visit(Dictionary<string, string?> data, string key, HoconNode node)
    {
        switch (node)
        {
            case ObjectNode { Count: 0 }:
            case ArrayNode { Items.Count: 0 }:
                Add(data, key, string.Empty, node);
                break;
            case ObjectNode obj:
                foreach (var (child, value) in obj.Fields)
                {
                    Visit(data, $"{key}:{child}", value);
                }

                break;
            case ArrayNode array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Visit(data, $"{key}:{i}", array.Items[i]);
                }

                break;
            case ScalarNode scalar:
                Add(data, key, scalar.Kind == ScalarKind.Null ? null : scalar.Text, node);
                break;
            default:
                throw new InvalidOperationException($"Unresolved {node.KindName} reached the flattener at '{key}'.");
        }
    }

    private static void Add(Dictionary<string, string?> data, string key, string? value, HoconNode node)
    {
        if (data.Count >= HoconLimits.MaxValues)
        {
            throw node.Origin.Error($"the configuration expands to more than {HoconLimits.MaxValues} settings");
        }

        if (!data.TryAdd(key, value))
        {
            var existing = data.Keys.First(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            throw node.Origin.Error($"settings \"{existing}\" and \"{key}\" collide: configuration keys are case-insensitive and ':' separates sections");
        }
    }
}
