using ActorTrust.Core.Federation.Grants;
using ActorTrust.Node.Api;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Federation;

/// <summary>
/// <c>/v1/peers/{id}/grants</c>: the node draws the grant id and the bearer credential, shows the credential once in the
/// issue answer and passes it in the command; the peer entity keeps only its digest. A use's source address is the
/// connection's, never the caller's say-so, so CIDR restrictions hold. Issuing and revoking are signed by an operator key
/// (actions <c>grants</c> and <c>grants/{grantId}/revoke</c>); exercising presents the bearer credential and is signed
/// by the peer's key too (<c>grants/{grantId}/exercise</c>).
/// </summary>
internal static class GrantEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/peers/{id}/grants", async (string id, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var peerId = PeerEndpoints.Id(id);
            var (body, raw) = await SignedRequests.ReadAsync<IssueGrantRequest>(request, ct);
            var actor = await FederationActors.OperatorAsync(request.HttpContext, runtime, settings.Federation, raw,
                FederationActors.PeerTarget(peerId, "grants"), body.OperatorKeyId, ct);
            var (grantId, credential) = (Secrets.NewGrantId(), Secrets.New());
            var result = await runtime.Peers.SendAsync(peerId, RequestBodies.CommandIdOr(body.CommandId),
                new IssueGrant(grantId, body.Grant, credential, actor), ct);
            return CommandResults.From(result, "peer", metrics, (state, version) => new
            {
                grant_id = Secrets.IfWritten(result, grantId),
                credential = Secrets.IfWritten(result, credential),
                peer = PeerView.Of(state, version),
            });
        });

        app.MapPost("/v1/peers/{id}/grants/{grantId}/revoke", async (string id, string grantId, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var (peerId, grant) = (PeerEndpoints.Id(id), Uri.UnescapeDataString(grantId));
            var (body, raw) = await SignedRequests.ReadAsync<OperatorReasonRequest>(request, ct);
            var actor = await FederationActors.OperatorAsync(request.HttpContext, runtime, settings.Federation, raw,
                FederationActors.PeerTarget(peerId, $"grants/{grant}/revoke"), body.OperatorKeyId, ct);
            return await PeerEndpoints.SendAsync(runtime, metrics, id, body.CommandId, new RevokeGrant(grant, body.Reason, actor), ct);
        });

        app.MapPost("/v1/peers/{id}/grants/{grantId}/exercise", async (string id, string grantId, HttpRequest request, NodeMetrics metrics, NodeRuntime runtime, CancellationToken ct) =>
        {
            var (peerId, grant) = (PeerEndpoints.Id(id), Uri.UnescapeDataString(grantId));
            var (body, raw) = await SignedRequests.ReadAsync<ExerciseGrantRequest>(request, ct);
            var use = body.Use.SourceAddress is null
                ? body.Use with { SourceAddress = SourceAddressOf(request) }
                : throw new FormatException("use.source_address is the address the node sees the request come from; do not send it");
            var actor = await FederationActors.PeerAsync(request.HttpContext, runtime, peerId, raw, FederationActors.PeerTarget(peerId, $"grants/{grant}/exercise"), body.KeyId, ct);
            return await PeerEndpoints.SendAsync(runtime, metrics, id, body.CommandId, new ExerciseGrant(grant, body.Credential, use, actor), ct);
        });
    }

    // The connection's address, so CIDR restrictions hold against what the caller says (IPv4-mapped IPv6 as IPv4).
    internal static string? SourceAddressOf(HttpRequest request) =>
        request.HttpContext.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : null;
}
