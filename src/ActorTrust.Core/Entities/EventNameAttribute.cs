namespace ActorTrust.Core.Entities;

/// <summary>
/// The wire name of an event record, with its version (<c>domain.created.v1</c>). Journals store this name,
/// never the CLR type name, so types can be renamed freely; changing an event's shape means a new version.
/// </summary>
/// <param name="name">Lowercase dotted name ending in <c>.v&lt;n&gt;</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventNameAttribute(string name) : Attribute
{
    /// <summary>The wire name.</summary>
    public string Name { get; } = name;
}
