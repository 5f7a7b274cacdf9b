using System.Text.Json.Nodes;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;
using static ActorTrust.Core.Agents.AgentRejectionCodes;

namespace ActorTrust.Core.Agents;

/// <summary>Reads an Agent Manifest from exactly the verified payload bytes, or says why it cannot.</summary>
internal static class AgentManifestReader
{
    /// <summary>Returns the manifest, or null with <paramref name="refusal"/> set.</summary>
    internal static AgentManifest? Read(ReadOnlySpan<byte> payload, out ManifestVerdict? refusal)
    {
        refusal = null;
        if (!CanonicalJson.IsCanonical(payload))
        {
            refusal = Incomplete(ManifestNotCanonical, "the manifest payload is not canonical JSON (RFC 8785)");
            return null;
        }

        if (CanonicalJson.Parse(payload) is not JsonObject obj
            || obj["schema"] is not JsonValue schemaNode
            || !schemaNode.TryGetValue<string>(out var schema))
        {
            refusal = Incomplete(ManifestMalformed, "the manifest payload is not an object with a 'schema' string");
            return null;
        }

        if (!string.Equals(schema, AgentManifest.SchemaV1, StringComparison.Ordinal))
        {
            refusal = new ManifestVerdict(ManifestVerdictStatus.IncompatibleVersion, IncompatibleVersion,
                $"schema '{schema}' is not supported; expected '{AgentManifest.SchemaV1}'");
            return null;
        }

        AgentManifest manifest;
        try
        {
            manifest = ActorTrustJson.Read<AgentManifest>(payload);
        }
        catch (FormatException ex)
        {
            refusal = Incomplete(ManifestMalformed, ex.Message);
            return null;
        }

        var error = Validate(manifest);
        refusal = error is null ? null : Incomplete(ManifestInvalid, error);
        return error is null ? manifest : null;
    }

    private static string? Validate(AgentManifest manifest)
    {
        if (!AgentManifest.IsValidManifestId(manifest.ManifestId))
        {
            return $"manifest_id must be 1 to {AgentManifest.MaxManifestIdLength} characters of [A-Za-z0-9._:-]";
        }

        if (manifest.PreviousManifestId is { } previous
            && (!AgentManifest.IsValidManifestId(previous) || string.Equals(previous, manifest.ManifestId, StringComparison.Ordinal)))
        {
            return "previous_manifest_id must be a well-formed id other than manifest_id";
        }

        if (TrustDomainName.Validate(manifest.Issuer) is { } issuerError)
        {
            return $"issuer: {issuerError}";
        }

        if (manifest.AgentId.Path.Length == 0)
        {
            return $"agent_id {manifest.AgentId} names a trust domain, not a workload";
        }

        return manifest.ExpiresAt > manifest.IssuedAt ? null : "expires_at must be after issued_at";
    }

    private static ManifestVerdict Incomplete(string code, string reason) => new(ManifestVerdictStatus.Incomplete, code, reason);
}
