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
/// connection's, never the caller's say-so, so CIDR restrictions hold.
/// </summary>
internal static class GrantEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/peers/{id}/grants", async (string id, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var body = await RequestBodies.ReadAsync<IssueGrantRequest>(request, null, ct);
            var actor = await FederationActors.OperatorAsync(runtime, settings.Federation, body.OperatorKeyId, ct);
            var (grantId, credential) = (Secrets.NewGrantId(), Secrets.New());
            var result = await runtime.Peers.SendAsync(PeerEndpoints.Id(id), RequestBodies.CommandIdOr(body.CommandId),
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
            var body = await RequestBodies.ReadAsync<OperatorReasonRequest>(request, null, ct);
            var actor = await FederationActors.OperatorAsync(runtime, settings.Federation, body.OperatorKeyId, ct);
            return await PeerEndpoints.SendAsync(runtime, metrics, id, body.CommandId, new RevokeGrant(Uri.UnescapeDataString(grantId), body.Reason, actor), ct);
        });

        app.MapPost("/v1/peers/{id}/grants/{grantId}/exercise", async (string id, string grantId, HttpRequest request, NodeMetrics metrics, NodeRuntime runtime, CancellationToken ct) =>
        {
            var body = await RequestBodies.ReadAsync<ExerciseGrantRequest>(request, null, ct);
            var use = body.Use.SourceAddress is null
                ? body.Use with { SourceAddress = SourceAddressOf(request) }
                : throw new FormatException("use.source_address is the address the node sees the request come from; do not send it");
            return await PeerEndpoints.SendAsync(runtime, metrics, id, body.CommandId,
                new ExerciseGrant(Uri.UnescapeDataString(grantId), body.Credential, use, FederationActors.Peer(PeerEndpoints.Id(id), body.KeyId)), ct);
        });
    }

    // The connection's address, so CIDR restrictions hold against what the caller says (IPv4-mapped IPv6 as IPv4).
    internal static string? SourceAddressOf(HttpRequest request) =>
        request.HttpContext.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : null;
}
