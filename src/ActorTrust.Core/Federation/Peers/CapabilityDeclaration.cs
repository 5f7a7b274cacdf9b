namespace ActorTrust.Core.Federation.Peers;

/// <summary>One resource kind a peer serves, the schema versions it runs for it and the filter predicates it applies.</summary>
/// <param name="Kind">The resource kind (lowercase token).</param>
/// <param name="SchemaVersions">The schema versions it actually runs; at least one.</param>
/// <param name="FilterPredicates">The filter predicates it actually applies; possibly none.</param>
public sealed record ResourceCapability(string Kind, IReadOnlyList<string> SchemaVersions, IReadOnlyList<string> FilterPredicates);

/// <summary>
/// Truthful capability declaration (commitment 3): the resource kinds a peer serves, with schema versions and filter
/// predicates. Declared at each handshake; heartbeats may advertise what the peer actually serves, and a difference
/// is drift — in kinds or predicates <c>capability_drift</c>, in schema versions <c>schema_drift</c>.
/// </summary>
/// <param name="Resources">One entry per resource kind.</param>
public sealed record CapabilityDeclaration(IReadOnlyList<ResourceCapability> Resources)
{
    /// <summary>The most resource kinds, and the most schema versions or predicates per kind.</summary>
    public const int MaxEntries = 256;

    /// <summary>Returns null when the declaration names at least one kind, each once, each with at least one schema version.</summary>
    public string? Validate()
    {
        if (Resources is not { Count: > 0 and <= MaxEntries })
        {
            return $"capabilities must declare 1 to {MaxEntries} resource kinds";
        }

        for (var i = 0; i < Resources.Count; i++)
        {
            var where = $"capabilities.resources[{i}]";
            var r = Resources[i];
            var problem = r is null ? $"{where} is missing"
                : FederationText.Token(r.Kind, $"{where}.kind", 64)
                ?? List(r.SchemaVersions, $"{where}.schema_versions", 1)
                ?? List(r.FilterPredicates, $"{where}.filter_predicates", 0)
                ?? (Resources.Take(i).Any(p => p.Kind == r.Kind) ? $"{where} repeats kind '{r.Kind}'" : null);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Describes how <paramref name="advertised"/> differs in kinds or filter predicates; null when it does not.</summary>
    public string? CapabilityDriftFrom(CapabilityDeclaration advertised)
    {
        ArgumentNullException.ThrowIfNull(advertised);
        var declared = Kinds(this);
        var served = Kinds(advertised);
        if (!declared.SetEquals(served))
        {
            return $"declared kinds [{Join(declared)}] but advertises [{Join(served)}]";
        }

        var kind = Resources.FirstOrDefault(r => !Same(r.FilterPredicates, advertised.Resources.Single(a => a.Kind == r.Kind).FilterPredicates));
        return kind is null ? null : $"filter predicates of '{kind.Kind}' differ from the declaration";
    }

    /// <summary>Describes how <paramref name="advertised"/> differs in schema versions of the declared kinds; null when it does not.</summary>
    public string? SchemaDriftFrom(CapabilityDeclaration advertised)
    {
        ArgumentNullException.ThrowIfNull(advertised);
        var kind = Resources.FirstOrDefault(r =>
            advertised.Resources.FirstOrDefault(a => a.Kind == r.Kind) is { } served && !Same(r.SchemaVersions, served.SchemaVersions));
        return kind is null ? null : $"schema versions of '{kind.Kind}' differ from the declaration";
    }

    private static HashSet<string> Kinds(CapabilityDeclaration d) => d.Resources.Select(r => r.Kind).ToHashSet(StringComparer.Ordinal);

    private static bool Same(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.ToHashSet(StringComparer.Ordinal).SetEquals(b);

    private static string Join(IEnumerable<string> values) => string.Join(", ", values.Order(StringComparer.Ordinal));

    private static string? List(IReadOnlyList<string>? values, string field, int min) =>
        values is null || values.Count < min || values.Count > MaxEntries ? $"{field} must hold {min} to {MaxEntries} entries"
        : values.Select((v, i) => FederationText.Check(v, $"{field}[{i}]", 128)).FirstOrDefault(e => e is not null)
        ?? (values.Distinct(StringComparer.Ordinal).Count() != values.Count ? $"{field} holds repeats" : null);
}
