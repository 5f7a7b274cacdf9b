using ActorTrust.Core.Agents;
using ActorTrust.Core.Identity;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Api;

/// <summary>
/// <c>/v1/agents</c>: register, rotate and revoke agents. Before each command the issuer domain (the agent id's
/// trust domain) is asked for its current authority through the same registry any client uses; the decider
/// then checks signatures and roles against it and records which domain version it used.
/// </summary>
internal static class AgentEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/agents", async (HttpRequest request, NodeRuntime runtime, NodeMetrics metrics, CancellationToken ct) =>
        {
            var command = await CommandRequest.ReadAsync(request, ct);
            if (!SpiffeId.TryParse(command.PayloadMember("agent_id"), out var agentId, out var error))
            {
                return Problems.BadRequest("InvalidAgentId", error);
            }

            var authority = await AuthorityOfAsync(runtime, agentId, ct);
            var result = await runtime.Agents.SendAsync(agentId.ToString(), command.CommandId, new RegisterAgent(command.Envelope, authority), ct);
            return CommandResults.From(result, "agent", metrics, AgentView.Of);
        });

        app.MapPost("/v1/agents/{id}/rotate", (string id, HttpRequest request, NodeRuntime runtime, NodeMetrics metrics, CancellationToken ct) =>
            SendAsync(id, request, runtime, metrics, (envelope, authority) => new RotateAgent(envelope, authority), ct));

        app.MapPost("/v1/agents/{id}/revoke", (string id, HttpRequest request, NodeRuntime runtime, NodeMetrics metrics, CancellationToken ct) =>
            SendAsync(id, request, runtime, metrics, (envelope, authority) => new RevokeAgent(envelope, authority), ct));

        app.MapGet("/v1/agents/{id}", async (string id, NodeRuntime runtime, CancellationToken ct) =>
        {
            if (!SpiffeId.TryParse(Uri.UnescapeDataString(id), out var agentId, out var error))
            {
                return Problems.BadRequest("InvalidAgentId", error);
            }

            var view = await runtime.Agents.QueryAsync(agentId.ToString(), (state, version) => state.Status == AgentStatus.Unregistered ? null : AgentView.Of(state, version), ct);
            return view is null ? Problems.NotFound("AgentNotFound", $"agent '{agentId}' is not registered") : Results.Json(view);
        });
    }

    private static async Task<IResult> SendAsync(string id, HttpRequest request, NodeRuntime runtime, NodeMetrics metrics,
        Func<string, IssuerAuthority?, AgentCommand> create, CancellationToken ct)
    {
        if (!SpiffeId.TryParse(Uri.UnescapeDataString(id), out var agentId, out var error))
        {
            return Problems.BadRequest("InvalidAgentId", error);
        }

        var command = await CommandRequest.ReadAsync(request, ct);
        var authority = await AuthorityOfAsync(runtime, agentId, ct);
        var result = await runtime.Agents.SendAsync(agentId.ToString(), command.CommandId, create(command.Envelope, authority), ct);
        return CommandResults.From(result, "agent", metrics, AgentView.Of);
    }

    // The issuer domain's current manifest, asked of the domain entity (never while holding the agent's mailbox).
    private static Task<IssuerAuthority?> AuthorityOfAsync(NodeRuntime runtime, SpiffeId agentId, CancellationToken ct) =>
        runtime.Domains.QueryAsync(agentId.TrustDomain, (state, _) => state.Current is { } current ? IssuerAuthority.From(current) : null, ct);
}

/// <summary>The JSON shape of an agent for API answers.</summary>
internal static class AgentView
{
    public static object Of(AgentState state, long version) => new
    {
        agent_id = state.AgentId?.ToString(),
        entity_version = version,
        status = state.Status.ToString().ToLowerInvariant(),
        manifest_ids = state.ManifestIds,
        current = state.Current is not { } current ? null : new
        {
            manifest_id = current.Manifest.ManifestId,
            manifest_digest = current.ManifestDigest.ToString(),
            issuer = current.Manifest.Issuer,
            issuer_key_id = current.Manifest.IssuerKeyId.ToString(),
            prompt_hash = current.Manifest.PromptHash.ToString(),
            policy_bundle_hash = current.Manifest.PolicyBundleHash.ToString(),
            tool_catalog_hash = current.Manifest.ToolCatalogHash.ToString(),
            issued_at = current.Manifest.IssuedAt,
            expires_at = current.Manifest.ExpiresAt,
            authority = new { domain_id = current.Authority.DomainId, version = current.Authority.Version, manifest_digest = current.Authority.ManifestDigest.ToString() },
        },
        revocation = state.Revocation is not { } revocation ? null : new
        {
            manifest_id = revocation.Revocation.ManifestId,
            reason = revocation.Revocation.Reason,
            revoked_at = revocation.Revocation.RevokedAt,
            revoker_key_id = revocation.RevokerKeyId.ToString(),
        },
    };
}
