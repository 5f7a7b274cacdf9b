using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorTrust.Client;

public sealed partial class ActorTrustClient
{
    /// <summary>
    /// Asks the node to admit a session. Refused sessions come back as a refusal with its reason code
    /// (e.g. <c>PolicyHashDrift</c>, <c>SessionClaimsMissing</c>) — and are recorded in the session's journal.
    /// </summary>
    public Task<CommandOutcome> OpenSessionAsync(SessionRequest request, string? commandId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var transport = new JsonObject
        {
            ["peer_node_id"] = request.PeerNodeId,
            ["peer_auth_public_key"] = request.PeerAuthPublicKey,
            ["path_kind"] = request.PathKind,
        };
        AddIfPresent(transport, "relay_id", request.RelayId);
        AddIfPresent(transport, "session_tag", request.SessionTag);
        var body = new JsonObject
        {
            ["command_id"] = commandId ?? Guid.NewGuid().ToString("N"),
            ["session_id"] = request.SessionId,
            ["subject"] = request.Subject,
            ["subject_source"] = request.SubjectSource,
            ["agent_id"] = request.AgentId,
            ["transport"] = transport,
            ["policy_bundle_hash"] = request.PolicyBundleHash,
            ["tool_catalog_hash"] = request.ToolCatalogHash,
        };
        AddIfPresent(body, "claims_profile", request.ClaimsProfile);
        if (request.ClaimsEnvelope is not null)
        {
            body["claims"] = JsonNode.Parse(request.ClaimsEnvelope);
        }

        if (request.ManifestEnvelope is not null)
        {
            body["manifest"] = JsonNode.Parse(request.ManifestEnvelope);
        }

        return SendBodyAsync("v1/sessions", body.ToJsonString(), cancellationToken);
    }

    /// <summary>Records one tool call (<c>decision</c>: allow, deny, redact, …) in an open session's transcript.</summary>
    public Task<CommandOutcome> RecordToolCallAsync(string sessionId, string tool, string dataClass, string decision, string? commandId = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["command_id"] = commandId ?? Guid.NewGuid().ToString("N"),
            ["tool"] = tool,
            ["data_class"] = dataClass,
            ["decision"] = decision,
        };
        return SendBodyAsync($"v1/sessions/{Uri.EscapeDataString(sessionId)}/tool-calls", body.ToJsonString(), cancellationToken);
    }

    /// <summary>Closes a session; the accepted state carries <c>trust_record.envelope</c>, signed by the node key.</summary>
    public Task<CommandOutcome> CloseSessionAsync(string sessionId, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync($"v1/sessions/{Uri.EscapeDataString(sessionId)}/close",
            new JsonObject { ["command_id"] = commandId ?? Guid.NewGuid().ToString("N") }.ToJsonString(), cancellationToken);

    /// <summary>The session's operator view (status, posture, disposition, digests, Trust Record), or null.</summary>
    public Task<JsonElement?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        GetOrNullAsync($"v1/sessions/{Uri.EscapeDataString(sessionId)}", cancellationToken);

    /// <summary>
    /// One page of the sessions known to the node, in session-id order, with their operator snapshots: <c>sessions</c>
    /// and <c>next</c>, the <paramref name="after"/> of the following page (null on the last page).
    /// </summary>
    public Task<JsonElement> ListSessionsAsync(int limit = 100, string? after = null, CancellationToken cancellationToken = default) =>
        GetAsync<JsonElement>(after is null ? $"v1/sessions?limit={limit}" : $"v1/sessions?limit={limit}&after={Uri.EscapeDataString(after)}", cancellationToken);

    private static void AddIfPresent(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }
}
