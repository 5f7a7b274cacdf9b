using ActorTrust.Hocon.Parsing;

namespace ActorTrust.Hocon.Model;

/// <summary>An object with fields in the order they were first defined; field values may still be unresolved.</summary>
internal sealed class ObjectNode(HoconOrigin origin) : HoconNode(origin)
{
    private readonly OrderedDictionary<string, HoconNode> fields = new(StringComparer.Ordinal);

    public override string KindName => "object";

    public int Count => fields.Count;

    public IEnumerable<KeyValuePair<string, HoconNode>> Fields => fields;

    public HoconNode? Get(string key) => fields.TryGetValue(key, out var value) ? value : null;

    /// <summary>Sets a field. Only called while the object is being built (by the parser or a merge).</summary>
    public void Set(string key, HoconNode value) => fields[key] = value;
}
