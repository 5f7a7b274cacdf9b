using ActorTrust.Core.Agents;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Sessions;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Metrics;
using ActorTrust.Runtime.Journal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Api;

/// <summary>
/// <c>/v1/sessions</c>: admission (default deny, every refusal recorded with its reason), the tool-call transcript,
/// and the signed Trust Record at close. Before admission the agent and its issuer domain are asked for their
/// current state through the same registries any client uses; the decider records the versions it consulted.
/// </summary>
internal static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/sessions", async (HttpRequest request, NodeRuntime runtime, NodeSettings settings, TimeProvider time, NodeMetrics metrics, CancellationToken ct) =>
        {
            var body = await RequestBodies.ReadAsync<OpenSessionRequest>(request, null, ct);
            var sessionId = Spiffe(body.SessionId, "session_id");
            var agentId = Spiffe(body.AgentId, "agent_id");
            var profileId = body.ClaimsProfile ?? settings.Sessions.DefaultProfile;
            if (!settings.Sessions.Profiles.TryGetValue(profileId, out var profile))
            {
                return Problems.BadRequest("UnknownClaimsProfile", $"claims profile '{profileId}' is not configured");
            }

            var agent = await runtime.Agents.QueryAsync(agentId.ToString(), (state, version) => AgentSnapshot.Of(agentId, state, version), ct);
            var authority = await runtime.Domains.QueryAsync(agentId.TrustDomain, (state, _) => state.Current is { } current ? IssuerAuthority.From(current) : null, ct);
            var claims = body.Claims?.ToJsonString();
            var command = new OpenSession(
                Spiffe(body.Subject, "subject"), body.SubjectSource, settings.Node.DevMode, body.Transport, settings.Sessions.Audience,
                profile.Posture, body.PolicyBundleHash, body.ToolCatalogHash, agent, authority, claims, body.Manifest?.ToJsonString(),
                profile.AllowedRuntimeIdentities.Count == 0 ? null : profile.AllowedRuntimeIdentities,
                await SeenNoncesAsync(runtime, body.Transport, claims, time, ct));
            var result = await runtime.Sessions.SendAsync(sessionId.ToString(), RequestBodies.CommandIdOr(body.CommandId), command, ct);
            return CommandResults.From(result, "session", metrics, SessionView.Of);
        });

        app.MapPost("/v1/sessions/{id}/tool-calls", async (string id, HttpRequest request, NodeRuntime runtime, NodeMetrics metrics, CancellationToken ct) =>
        {
            var sessionId = Spiffe(Uri.UnescapeDataString(id), "session id");
            var body = await RequestBodies.ReadAsync<ToolCallRequest>(request, null, ct);
            var result = await runtime.Sessions.SendAsync(sessionId.ToString(), RequestBodies.CommandIdOr(body.CommandId),
                new RecordToolCall(new ToolCall(body.Tool, body.DataClass, body.Decision)), ct);
            return CommandResults.From(result, "session", metrics, SessionView.Of);
        });

        app.MapPost("/v1/sessions/{id}/close", async (string id, HttpRequest request, NodeRuntime runtime, NodeMetrics metrics, CancellationToken ct) =>
        {
            var sessionId = Spiffe(Uri.UnescapeDataString(id), "session id").ToString();
            var body = await RequestBodies.ReadAsync(request, new CloseSessionRequest(), ct);
            var commandId = RequestBodies.CommandIdOr(body.CommandId);
            // The Trust Record is signed and chained by the node serving the session: a clustered node sends the close to
            // the session's owner (itself included), which resolves it there; an embedded node serves every session.
            var result = runtime.Cluster is null
                ? await runtime.CloseServedSessionAsync(sessionId, c => runtime.Sessions.SendAsync(sessionId, commandId, c, ct), ct)
                : await runtime.Sessions.SendAsync(sessionId, commandId, new CloseSessionHere(), ct);
            return CommandResults.From(result, "session", metrics, SessionView.Of);
        });

        app.MapGet("/v1/sessions/{id}", async (string id, NodeRuntime runtime, CancellationToken ct) =>
        {
            var sessionId = Spiffe(Uri.UnescapeDataString(id), "session id").ToString();
            var view = await runtime.Sessions.QueryAsync(sessionId, (state, version) => state.Status == SessionStatus.Unopened ? null : SessionView.Of(state, version), ct);
            return view is null ? Problems.NotFound("SessionNotFound", $"session '{sessionId}' was never opened") : Results.Json(view);
        });

        // One page of sessions in session-id order, read from the session kind's range of the stream index (other
        // kinds are never scanned); `next` is the `after` of the following page, null on the last one.
        app.MapGet("/v1/sessions", async (int? limit, string? after, NodeRuntime runtime, Hosting.NodeOptions options, CancellationToken ct) =>
        {
            var max = BodyLimits.PageSize(limit, 100, options.MaxPageSize);
            var from = after is null ? null : Spiffe(after, "after").ToString();
            var sessions = new List<object>();
            string? last = null;
            await foreach (var pid in runtime.Journal.ReadPersistenceIdsAsync(EntityKinds.Session.Name, from, ct))
            {
                var sessionId = PersistenceIds.EntityIdOf(pid);
                sessions.Add(await runtime.Sessions.QueryAsync(sessionId, (state, version) => new { session_id = sessionId, snapshot = state.Snapshot }, ct));
                last = sessionId;
                if (sessions.Count == max)
                {
                    break;
                }
            }

            return Results.Json(new { sessions, next = sessions.Count == max ? last : null });
        });
    }

    // A claims nonce is reserved for the connection's peer key before admission; a nonce seen before (and not
    // yet expired) is passed to the decider, which treats it as a replay.
    private static async Task<IReadOnlyCollection<string>?> SeenNoncesAsync(NodeRuntime runtime, TransportFacts transport, string? claims, TimeProvider time, CancellationToken ct)
    {
        if (claims is null || !SessionClaimsReader.TryPeekNonce(claims, out var nonce))
        {
            return null;
        }

        var now = time.GetUtcNow();
        return await runtime.ClaimsNonces.TryReserveAsync(transport.PeerAuthPublicKey, nonce, now.AddMinutes(10), now, ct) ? null : [nonce];
    }

    private static SpiffeId Spiffe(string text, string what) =>
        SpiffeId.TryParse(text, out var id, out var error) ? id : throw new FormatException($"{what}: {error}");
}

/// <summary>The JSON shape of a session for API answers: the operator snapshot, and the Trust Record once closed.</summary>
internal static class SessionView
{
    public static object Of(SessionState state, long version) => new
    {
        entity_version = version,
        status = state.Status.ToString().ToLowerInvariant(),
        snapshot = state.Snapshot,
        refusal = state.Refusal is { } refusal ? new { code = refusal.Code, message = refusal.Message } : null,
        trust_record = state.Closure is { } closure ? new { record_hash = closure.RecordHash.ToString(), envelope = System.Text.Json.Nodes.JsonNode.Parse(closure.Envelope) } : null,
    };
}
