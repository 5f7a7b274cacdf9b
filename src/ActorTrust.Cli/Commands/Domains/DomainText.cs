using System.Text.Json;

namespace ActorTrust.Cli.Commands.Domains;

/// <summary>A domain's state as lines for people.</summary>
internal static class DomainText
{
    public static IEnumerable<string> Lines(JsonElement state)
    {
        yield return $"domain:          {state.GetProperty("domain_id")}";
        yield return $"current version: {state.GetProperty("current_version")} (entity version {state.GetProperty("entity_version")})";
        yield return $"manifest digest: {state.GetProperty("current_manifest_digest")}";
        yield return $"expires:         {OrNever(state, "expires_at")}";
        yield return "principals:";
        foreach (var principal in state.GetProperty("principals").EnumerateArray())
        {
            yield return $"  {principal.GetProperty("key_id")}  {string.Join(", ", principal.GetProperty("roles").EnumerateArray().Select(r => r.GetString()))}";
        }

        yield return "versions:";
        foreach (var version in state.GetProperty("versions").EnumerateArray())
        {
            var superseded = OrNever(version, "superseded_at");
            yield return $"  v{version.GetProperty("version")}  {version.GetProperty("manifest_digest")}  accepted {version.GetProperty("accepted_at")}"
                + (superseded == "never" ? "  (current)" : $"  superseded {superseded}");
        }
    }

    private static string OrNever(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "never";
}
