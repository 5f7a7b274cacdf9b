using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorTrust.Runtime.Cluster.Routing;

/// <summary>
/// The JSON names a command's payload must contain: the parameters of its primary constructor that have no default
/// value and whose property travels (is not <c>[JsonIgnore]</c>d).
/// </summary>
internal static class RequiredMembers
{
    public static string[] Of(Type type, JsonNamingPolicy naming)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .Where(c => c.GetParameters() is not [{ } only] || only.ParameterType != type) // not the record copy constructor
            .MaxBy(c => c.GetParameters().Length);
        if (constructor is null)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var parameter in constructor.GetParameters().Where(p => !p.HasDefaultValue))
        {
            var property = type.GetProperty(parameter.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property?.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            names.Add(property?.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? naming.ConvertName(parameter.Name!));
        }

        return [.. names];
    }
}
