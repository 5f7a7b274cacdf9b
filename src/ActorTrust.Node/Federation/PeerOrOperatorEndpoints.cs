using ActorTrust.Core.Federation;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Api;
using ActorTrust.Node.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Federation;

/// <summary>
/// <c>/v1/peers/{id}/revoke</c> and <c>/compromise</c>: sent by an operator or by the peer itself, signed by the key the
/// request names (action <c>revoke</c> or <c>compromise</c>).
/// </summary>
internal static class PeerOrOperatorEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        Map(app, "revoke", (body, actor) => new RevokePeer(body.Reason ?? throw new FormatException("reason is required"), actor));
        Map(app, "compromise", (body, actor) => new DiscloseCompromise(body.Disclosure ?? throw new FormatException("disclosure is required"), actor));
    }

    private static void Map(IEndpointRouteBuilder app, string action, Func<PeerOrOperatorRequest, FederationActor, PeerCommand> command) =>
        app.MapPost($"/v1/peers/{{id}}/{action}", async (string id, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var peerId = PeerEndpoints.Id(id);
            var (body, raw) = await SignedRequests.ReadAsync<PeerOrOperatorRequest>(request, ct);
            var actor = await FederationActors.OperatorOrPeerAsync(request.HttpContext, runtime, settings.Federation, peerId, raw,
                FederationActors.PeerTarget(peerId, action), body.OperatorKeyId, body.KeyId, ct);
            return await PeerEndpoints.SendAsync(runtime, metrics, id, body.CommandId, command(body, actor), ct);
        });
}
