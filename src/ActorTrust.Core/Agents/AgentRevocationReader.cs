using ActorTrust.Core.Json;

namespace ActorTrust.Core.Agents;

/// <summary>Reads an <see cref="AgentRevocation"/> from exactly the verified payload bytes.</summary>
internal static class AgentRevocationReader
{
    /// <summary>Returns the revocation, or null with <paramref name="error"/> saying why.</summary>
    internal static AgentRevocation? Read(ReadOnlySpan<byte> payload, out string? error)
    {
        error = null;
        if (!CanonicalJson.IsCanonical(payload))
        {
            error = "the revocation payload is not canonical JSON (RFC 8785)";
            return null;
        }

        AgentRevocation revocation;
        try
        {
            revocation = ActorTrustJson.Read<AgentRevocation>(payload);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }

        if (!AgentManifest.IsValidManifestId(revocation.ManifestId))
        {
            error = "manifest_id is not a well-formed manifest id";
        }
        else if (string.IsNullOrWhiteSpace(revocation.Reason) || revocation.Reason.Length > AgentRevocation.MaxReasonLength)
        {
            error = $"reason must be 1 to {AgentRevocation.MaxReasonLength} characters and not blank";
        }

        return error is null ? revocation : null;
    }
}
