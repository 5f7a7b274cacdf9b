using System.Collections;
using System.Reflection;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;

namespace ActorTrust.Runtime.Tests.Cluster.Transport;

/// <summary>
/// Builds a filled-in instance of any command record by reflection (largest public constructor, every argument
/// non-default), so the codec test covers every concrete command type, including ones added later.
/// </summary>
internal static class SampleCommands
{
    public static IEnumerable<Type> ConcreteSubtypesOf(Type baseType) =>
        baseType.Assembly.GetTypes().Where(t => t.IsPublic && !t.IsAbstract && baseType.IsAssignableFrom(t)).OrderBy(t => t.Name);

    public static object Create(Type type) => Value(type, type.Name, 0)
        ?? throw new InvalidOperationException($"cannot build a {type.Name}");

    private static object? Value(Type type, string name, int depth)
    {
        if (depth > 8)
        {
            throw new InvalidOperationException($"{type.Name} nests too deep");
        }

        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Value(inner, name, depth);
        }

        return type switch
        {
            _ when type == typeof(string) => Text(name),
            _ when type == typeof(bool) => true,
            _ when type == typeof(int) => 3,
            _ when type == typeof(long) => 7L,
            _ when type == typeof(double) => 0.5,
            _ when type == typeof(decimal) => 1.5m,
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero),
            _ when type == typeof(TimeSpan) => TimeSpan.FromMinutes(5),
            _ when type == typeof(Guid) => Guid.Parse("0190a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b"),
            _ when type == typeof(Digest) => Digest.Sha256("sample"u8),
            _ when type == typeof(SpiffeId) => SpiffeId.Parse("spiffe://example.org/agent/sample"),
            _ when type == typeof(byte[]) => new byte[] { 1, 2, 3 },
            _ when type.IsEnum => Enum.GetValues(type).Cast<object>().Last(),
            _ when type.IsInterface && Collection(type) is { } element => ListOf(element, name, depth),
            _ when type.IsInterface && Dictionary(type) is { } kv => DictionaryOf(kv.Key, kv.Value, name, depth),
            _ when type.IsInterface => null, // e.g. IEnvelopeSigner: attached by the node, never serialised
            _ => Construct(type, depth),
        };
    }

    private static string Text(string name) => name.ToLowerInvariant() switch
    {
        var n when n.Contains("endpoint", StringComparison.Ordinal) || n.Contains("uri", StringComparison.Ordinal) => "https://peer.example.org/federation",
        var n when n.Contains("publickey", StringComparison.Ordinal) => new string('a', 64),
        var n when n.Contains("address", StringComparison.Ordinal) => "192.0.2.10",
        _ => $"{name}-value",
    };

    private static Type? Collection(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var d
        && (d == typeof(IReadOnlyList<>) || d == typeof(IReadOnlyCollection<>) || d == typeof(IEnumerable<>) || d == typeof(IList<>) || d == typeof(ISet<>) || d == typeof(IReadOnlySet<>))
            ? type.GetGenericArguments()[0]
            : null;

    private static KeyValuePair<Type, Type>? Dictionary(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(IReadOnlyDictionary<,>) || d == typeof(IDictionary<,>))
            ? new KeyValuePair<Type, Type>(type.GetGenericArguments()[0], type.GetGenericArguments()[1])
            : null;

    private static object ListOf(Type element, string name, int depth)
    {
        var set = typeof(HashSet<>).MakeGenericType(element);
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        list.Add(Value(element, name, depth + 1));
        return set.IsAssignableTo(typeof(ISet<>).MakeGenericType(element)) && !list.GetType().IsAssignableTo(typeof(IReadOnlyList<>).MakeGenericType(element))
            ? Activator.CreateInstance(set, list)!
            : list;
    }

    private static object DictionaryOf(Type key, Type value, string name, int depth)
    {
        var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(key, value))!;
        dictionary.Add(Value(key, name + "Key", depth + 1)!, Value(value, name, depth + 1));
        return dictionary;
    }

    private static object Construct(Type type, int depth)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .Where(c => !c.GetParameters().Any(p => p.ParameterType == type))
            .MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException($"{type.Name} has no usable public constructor");
        var args = constructor.GetParameters().Select(p => Value(p.ParameterType, p.Name ?? type.Name, depth + 1)).ToArray();
        return constructor.Invoke(args);
    }
}
