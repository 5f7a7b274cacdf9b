using ActorTrust.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ActorTrust.Node.Api;

/// <summary><c>GET /v1/cluster/status</c>: members, shard ownership and lease tokens, as the shared tables hold them.</summary>
internal static class ClusterStatusEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapGet("/v1/cluster/status", async (NodeRuntime runtime, CancellationToken ct) =>
        {
            if (runtime.Cluster is not { } cluster)
            {
                return Results.Json(new { mode = "embedded", node = runtime.NodeId, members = Array.Empty<object>(), shards = Array.Empty<object>() });
            }

            var membership = await cluster.Members.ReadAsync(ct); // in secure mode: attested rows only
            var leases = await cluster.Store.ReadAllAsync(ct);
            var now = await cluster.Store.DatabaseNowAsync(ct);
            return Results.Json(new
            {
                mode = "cluster",
                node = runtime.NodeId,
                database_time = now,
                membership_version = membership.Version,
                members = membership.Members.Select(m => new
                {
                    node = m.Node.ToString(),
                    address = m.Address,
                    status = m.Status.ToString().ToLowerInvariant(),
                    suspect_votes = m.SuspectVotes.Count,
                    app_version = m.AppVersion,
                    started_at = m.StartedAt,
                    i_am_alive_at = m.IAmAliveAt,
                    shards = leases.Count(l => l.Owner == m.Node.ToString() && l.ExpiresAt > now),
                }),
                shards = leases.Select(l => new
                {
                    kind = l.Kind,
                    shard = l.Shard,
                    owner = l.ExpiresAt > now ? l.Owner : null,
                    fencing_token = l.Token,
                    expires_at = l.ExpiresAt,
                    desired_owner = l.DesiredOwner,
                }),
            });
        });
}
