using ActorTrust.Core.Federation.Peers;
using ActorTrust.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorTrust.Node.Federation;

/// <summary>Every peer the journal knows (streams <c>peer|…</c>), for the liveness timer and <c>GET /v1/peers</c>.</summary>
internal static class PeerDirectory
{
    private const string Prefix = "peer|";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/peers", async (int? limit, NodeRuntime runtime, NodeOptions options, CancellationToken ct) =>
        {
            var max = Api.BodyLimits.PageSize(limit, 100, options.MaxPageSize);
            var peers = new List<object>();
            foreach (var peerId in (await PeerIdsAsync(runtime, ct)).Take(max))
            {
                peers.Add(await runtime.Peers.QueryAsync(peerId, (state, version) => new
                {
                    peer_id = peerId,
                    status = state.Status.ToString().ToLowerInvariant(),
                    entity_version = version,
                    contract_version = state.Contract?.Version,
                    last_heartbeat_at = state.LastHeartbeatAt,
                }, ct));
            }

            return Results.Json(new { peers });
        });

    public static async Task<List<string>> PeerIdsAsync(NodeRuntime runtime, CancellationToken ct)
    {
        var peers = new List<string>();
        await foreach (var pid in runtime.Journal.ReadPersistenceIdsAsync(EntityKinds.Peer.Name, null, ct))
        {
            peers.Add(pid[Prefix.Length..]);
        }

        return peers;
    }

    /// <summary>The peers the liveness timer checks here: enrolled and active ones this node serves.</summary>
    public static async Task<List<string>> LiveAsync(NodeRuntime runtime, CancellationToken ct)
    {
        var live = new List<string>();
        foreach (var peerId in await PeerIdsAsync(runtime, ct))
        {
            // On a cluster only the peer's shard owner sweeps it (the others would read it from the journal for nothing).
            if (runtime.ServesLocally(EntityKinds.Peer.Name, EntityKinds.Peer.NumShards, peerId)
                && await runtime.Peers.QueryAsync(peerId, (state, _) => state.Status is PeerStatus.Enrolled or PeerStatus.Active, ct))
            {
                live.Add(peerId);
            }
        }

        return live;
    }
}
