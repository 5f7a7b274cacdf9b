using ActorTrust.Core.Federation;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Api;
using ActorTrust.Node.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Federation;

/// <summary><c>/v1/peers/{id}/revoke</c> and <c>/compromise</c>: sent by an operator or by the peer itself.</summary>
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
            var body = await RequestBodies.ReadAsync<PeerOrOperatorRequest>(request, null, ct);
            var actor = (body.OperatorKeyId, body.KeyId) switch
            {
                ({ } operatorKey, null) => await FederationActors.OperatorAsync(runtime, settings.Federation, operatorKey, ct),
                (null, { } peerKey) => FederationActors.Peer(PeerEndpoints.Id(id), peerKey),
                _ => throw new FormatException("give exactly one of operator_key_id (an operator) or key_id (the peer)"),
            };
            return await PeerEndpoints.SendAsync(runtime, metrics, id, body.CommandId, command(body, actor), ct);
        });
}
