using System.Text.Json.Nodes;
using ActorTrust.Core.Federation;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Node.Api;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Metrics;
using ActorTrust.Runtime.Entities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Federation;

/// <summary>
/// <c>/v1/peers</c>: the federation lifecycle of one peer. The node draws the acceptance token, shows it once in the
/// proposal's answer and passes it in the command (the peer entity keeps only its digest). Accepting reads the
/// <c>contract</c> entity of the agreed version first. Every request that names a key is signed by it
/// (<see cref="FederationActors"/>): target <c>peer</c>, id the peer id, action the route segment after it
/// (<c>propose</c> for <c>POST /v1/peers</c>, whose peer id is the body's).
/// </summary>
internal static class PeerEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/peers", async (HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var (body, raw) = await SignedRequests.ReadAsync<ProposePeerRequest>(request, ct);
            var actor = await FederationActors.OperatorAsync(request.HttpContext, runtime, settings.Federation, raw,
                FederationActors.PeerTarget(body.PeerId, "propose"), body.OperatorKeyId, ct);
            var token = Secrets.New();
            var result = await runtime.Peers.SendAsync(body.PeerId, RequestBodies.CommandIdOr(body.CommandId),
                new ProposePeer(body.OperatorId, body.Endpoint, body.PublicKey, token, body.Reason, actor), ct);
            return CommandResults.From(result, "peer", metrics, (state, version) => new
            {
                acceptance_token = Secrets.IfWritten(result, token),
                peer = PeerView.Of(state, version),
            });
        });

        app.MapPost("/v1/peers/{id}/accept", async (string id, HttpRequest request, NodeRuntime runtime, NodeMetrics metrics, CancellationToken ct) =>
        {
            var (body, raw) = await SignedRequests.ReadAsync<AcceptPeerRequest>(request, ct);
            var actor = await PeerActorAsync(request, runtime, id, "accept", raw, body.KeyId, ct);
            var registry = await ContractEndpoints.SnapshotAsync(runtime, body.ContractVersion, ct);
            return await SendAsync(runtime, metrics, id, body.CommandId,
                new AcceptPeer(body.AcceptanceToken, body.ContractVersion, body.ContractDigest, registry, actor), ct);
        });

        app.MapPost("/v1/peers/{id}/enroll", async (string id, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var (body, raw) = await SignedRequests.ReadAsync<HandshakeRequest>(request, ct);
            var actor = await PeerActorAsync(request, runtime, id, "enroll", raw, body.KeyId, ct);
            return await SendAsync(runtime, metrics, id, body.CommandId,
                new EnrollPeer(new HandshakeOffer(body.Disclosure, body.Capabilities), settings.Federation.Policy, actor), ct);
        });

        app.MapPost("/v1/peers/{id}/rehandshake", async (string id, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var (body, raw) = await SignedRequests.ReadAsync<HandshakeRequest>(request, ct);
            var actor = await PeerActorAsync(request, runtime, id, "rehandshake", raw, body.KeyId, ct);
            return await SendAsync(runtime, metrics, id, body.CommandId,
                new Rehandshake(new HandshakeOffer(body.Disclosure, body.Capabilities), settings.Federation.Policy, actor), ct);
        });

        app.MapPost("/v1/peers/{id}/heartbeat", async (string id, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var (body, raw) = await SignedRequests.ReadAsync<HeartbeatRequest>(request, ct);
            var actor = await PeerActorAsync(request, runtime, id, "heartbeat", raw, body.KeyId, ct);
            var report = new HeartbeatReport(body.Disclosure, body.AdvertisedContractVersion, body.Capabilities);
            return await SendAsync(runtime, metrics, id, body.CommandId, new RecordHeartbeat(report, settings.Federation.Policy, actor), ct);
        });

        app.MapPost("/v1/peers/{id}/liveness", async (string id, HttpRequest request, NodeRuntime runtime, NodeMetrics metrics, CancellationToken ct) =>
            await SendAsync(runtime, metrics, id, null, new CheckLiveness(FederationActors.Liveness), ct));

        MapOperatorAction(app, "suspend", (body, actor) => new SuspendPeer(body.Reason, actor));
        MapOperatorAction(app, "reinstate", (body, actor) => new ReinstatePeer(body.Reason, actor));
        PeerOrOperatorEndpoints.Map(app);
        GrantEndpoints.Map(app);
        MigrationEndpoints.Map(app);
        PeerAuditEndpoints.Map(app);
        PeerDirectory.Map(app);

        app.MapGet("/v1/peers/{id}", async (string id, NodeRuntime runtime, CancellationToken ct) =>
        {
            var peerId = Id(id);
            var view = await runtime.Peers.QueryAsync(peerId, (state, version) => state.Status == PeerStatus.None ? null : PeerView.Of(state, version), ct);
            return view is null ? Problems.NotFound("PeerNotFound", $"peer '{peerId}' was never proposed") : Results.Json(view);
        });
    }

    internal static void MapOperatorAction(IEndpointRouteBuilder app, string action, Func<OperatorReasonRequest, FederationActor, PeerCommand> command) =>
        app.MapPost($"/v1/peers/{{id}}/{action}", async (string id, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var (body, raw) = await SignedRequests.ReadAsync<OperatorReasonRequest>(request, ct);
            var actor = await FederationActors.OperatorAsync(request.HttpContext, runtime, settings.Federation, raw,
                FederationActors.PeerTarget(Id(id), action), body.OperatorKeyId, ct);
            return await SendAsync(runtime, metrics, id, body.CommandId, command(body, actor), ct);
        });

    // The peer itself, proven by its key for `action` on the peer the route names.
    private static Task<FederationActor> PeerActorAsync(HttpRequest request, NodeRuntime runtime, string rawId, string action, JsonObject raw, string keyId, CancellationToken ct)
    {
        var peerId = Id(rawId);
        return FederationActors.PeerAsync(request.HttpContext, runtime, peerId, raw, FederationActors.PeerTarget(peerId, action), keyId, ct);
    }

    internal static async Task<IResult> SendAsync(NodeRuntime runtime, NodeMetrics metrics, string rawId, string? commandId, PeerCommand command, CancellationToken ct)
    {
        var result = await runtime.Peers.SendAsync(Id(rawId), RequestBodies.CommandIdOr(commandId), command, ct);
        return CommandResults.From(result, "peer", metrics, PeerView.Of);
    }

    internal static string Id(string raw) =>
        ApiIds.TryEntityId(raw, out var id, out _) ? id : throw new FormatException($"peer id must be 1..{ApiIds.MaxEntityIdLength} characters without control characters");
}

/// <summary>The JSON shape of a peer for API answers: the entity state (digests, never secrets).</summary>
internal static class PeerView
{
    public static object Of(PeerState state, long version) => new
    {
        entity_version = version,
        status = state.Status.ToString().ToLowerInvariant(),
        state,
    };
}

/// <summary>One-time secrets (BearerSecret format: 32 random bytes, base64url, 43 characters).</summary>
internal static class Secrets
{
    public static string New() => System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>A new grant id: a lowercase token, never a credential.</summary>
    public static string NewGrantId() => "g-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    /// <summary>The secret, only when this request wrote the events that store its digest (never for a retried command).</summary>
    public static string? IfWritten<TState>(CommandResult<TState> result, string secret)
        where TState : class => result.IsAccepted && !result.Duplicate && result.EventTypes.Count > 0 ? secret : null;
}
