namespace ActorTrust.Core.RuntimeManifests;

/// <summary>The well-formedness rules of a <see cref="RuntimeManifest"/>.</summary>
internal static class RuntimeManifestRules
{
    private const int MaxText = 512;

    internal static string? Validate(RuntimeManifest m)
    {
        if (!string.Equals(m.Schema, RuntimeManifest.SchemaV1, StringComparison.Ordinal))
        {
            return $"schema '{m.Schema}' is not supported; expected '{RuntimeManifest.SchemaV1}'";
        }

        return Text(m.RuntimeBackend, "runtime_backend")
            ?? Text(m.Toolchain?.Name, "toolchain.name") ?? Text(m.Toolchain?.Version, "toolchain.version")
            ?? Lists(m)
            ?? Each(m.SelectedDevices, "selected_devices", d => Text(d.Kind, "kind") ?? Text(d.Model, "model")
                ?? (d.Driver is null ? null : Text(d.Driver, "driver")) ?? (d.Count >= 1 ? null : "count must be at least 1"))
            ?? Each(m.EnvironmentRefs, "environment_refs", r => Text(r, "reference"))
            ?? Each(m.ArtifactBindings, "artifact_bindings", a => Kind(a.Kind) ?? Text(a.Reference, "reference"))
            ?? Each(m.StaticConfigBindings, "static_config_bindings", s => Text(s.Key, "key"))
            ?? Each(m.MutableVariables, "mutable_variables", v => Text(v.Key, "key") ?? (v.Value is { Length: <= MaxText } ? null : $"value must be at most {MaxText} characters"))
            ?? Unique(m.StaticConfigBindings.Select(s => (s.Key, (object)s.ValueDigest)), "static_config_bindings")
            ?? Unique(m.MutableVariables.Select(v => (v.Key, (object)v.Value)), "mutable_variables")
            ?? (m.Validation is null ? null : Text(m.Validation.Reference, "validation.reference"))
            ?? (m.ClaimsProfileId is null ? null : Text(m.ClaimsProfileId, "claims_profile_id"));
    }

    private static string? Lists(RuntimeManifest m)
    {
        (string Name, int? Count)[] lists =
        [
            ("selected_devices", m.SelectedDevices?.Count), ("environment_refs", m.EnvironmentRefs?.Count),
            ("artifact_bindings", m.ArtifactBindings?.Count), ("static_config_bindings", m.StaticConfigBindings?.Count),
            ("mutable_variables", m.MutableVariables?.Count),
        ];
        foreach (var (name, count) in lists)
        {
            if (count is null)
            {
                return $"{name} is missing";
            }

            if (count > RuntimeManifest.MaxListLength)
            {
                return $"{name} has {count} entries; at most {RuntimeManifest.MaxListLength} are allowed";
            }
        }

        return null;
    }

    private static string? Each<T>(IReadOnlyList<T> items, string list, Func<T, string?> check)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                return $"{list}[{i}] is null";
            }

            if (check(items[i]) is { } error)
            {
                return $"{list}[{i}]: {error}";
            }
        }

        return null;
    }

    // One key may repeat only with the same value (an exact repeat, removed by normalisation).
    private static string? Unique(IEnumerable<(string Key, object Value)> entries, string list)
    {
        var conflict = entries.Distinct().GroupBy(e => e.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return conflict is null ? null : $"{list} binds key '{conflict.Key}' to more than one value";
    }

    private static string? Text(string? value, string field) =>
        string.IsNullOrEmpty(value) ? $"{field} must not be empty"
        : value.Length > MaxText ? $"{field} must be at most {MaxText} characters"
        : value.Any(char.IsControl) ? $"{field} must not contain control characters"
        : null;

    private static string? Kind(string? kind) =>
        string.IsNullOrEmpty(kind) || kind.Length > 64 || !kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            ? "kind must be 1 to 64 characters of [a-z0-9_]"
            : null;
}
