using ActorTrust.Node.Api;
using ActorTrust.Node.Hosting;
using ActorTrust.Runtime.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Federation;

/// <summary>
/// <c>GET /v1/peers/{id}/audit</c>: the peer's audit excerpt (commitment 5) — every event of its stream as JSON Lines,
/// each line an audit-export line annotated with <c>federation_peer_id</c> and <c>remote_subject</c>
/// (<see cref="FederationExcerpt"/>); <c>actortrust audit verify --export</c> verifies it offline.
/// </summary>
internal static class PeerAuditEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/peers/{id}/audit", async (string id, HttpContext http, NodeRuntime runtime, CancellationToken ct) =>
        {
            var peerId = PeerEndpoints.Id(id);
            if (await runtime.Journal.ReadHighestSeqNrAsync(FederationExcerpt.PeerStreamPrefix + peerId, ct) == 0)
            {
                return Problems.NotFound("PeerNotFound", $"peer '{peerId}' has no events");
            }

            // Buffered, so a failed read is answered as an error instead of a cut-off excerpt.
            using var buffer = new MemoryStream();
            await FederationExcerpt.WriteAsync(runtime.Journal, peerId, buffer, ct);
            return Results.Bytes(buffer.ToArray(), "application/x-ndjson");
        });
}
