using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Federation;
using ActorTrust.Core.Federation.Migrations;
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
/// <c>/v1/peers/{id}/migrations</c>: inbound migrations (commitments 7–8). The peer plans one with a grant credential
/// covering <c>migrate</c> on the plan's kind; an operator or the peer then validates and applies it with the batch
/// received. The node drives the peer decider's steps in order — validating, transferring, applying — each its own
/// command with a command id derived from the request's, so a retried request resumes where the first stopped and
/// never applies twice. Applying is one <c>peer.migration-applied.v1</c> event: all or nothing.
/// </summary>
/// <remarks>
/// Our store of federated records is what completed migrations applied: an item "exists here" when a completed
/// migration of any peer carried its id. The migration steps after planning are the decider's system steps; the node
/// checks the caller first — an operator holding <c>federator</c>, or the peer by the key it was proposed with, each
/// proven by a request authorization signed by that key (action <c>migrations</c> to plan,
/// <c>migrations/{mid}/validate|apply|cancel</c> for the steps) — and refuses with 401 (unproven) or 403 (an operator
/// without <c>federator</c>) before anything is written.
/// </remarks>
internal static class MigrationEndpoints
{
    private static readonly FederationActor Executor = FederationActor.System("migration");

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/peers/{id}/migrations", async (string id, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var peerId = PeerEndpoints.Id(id);
            var (body, raw) = await SignedRequests.ReadAsync<PlanMigrationRequest>(request, ct);
            var actor = await FederationActors.PeerAsync(request.HttpContext, runtime, peerId, raw, FederationActors.PeerTarget(peerId, "migrations"), body.KeyId, ct);
            var commandId = RequestBodies.CommandIdOr(body.CommandId);
            var migrationId = MigrationIdFor(peerId, commandId);
            var command = new PlanMigration(migrationId, body.GrantId, body.Credential, body.Plan, settings.Federation.Policy, actor, GrantEndpoints.SourceAddressOf(request));
            var result = await runtime.Peers.SendAsync(peerId, commandId, command, ct);
            return CommandResults.From(result, "peer", metrics, (state, _) => new
            {
                migration_id = migrationId,
                migration = state.Migration(migrationId),
            });
        });

        app.MapPost("/v1/peers/{id}/migrations/{mid}/validate", (string id, string mid, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
            DriveAsync(id, mid, request, runtime, settings, metrics, apply: false, ct));

        app.MapPost("/v1/peers/{id}/migrations/{mid}/apply", (string id, string mid, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
            DriveAsync(id, mid, request, runtime, settings, metrics, apply: true, ct));

        app.MapPost("/v1/peers/{id}/migrations/{mid}/cancel", async (string id, string mid, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, CancellationToken ct) =>
        {
            var (peerId, migrationId) = (PeerEndpoints.Id(id), Uri.UnescapeDataString(mid));
            var (body, raw) = await SignedRequests.ReadAsync<MigrationActionRequest>(request, ct);
            if (body.Items is not null || body.ConflictPolicy is not null)
            {
                throw new FormatException("cancel takes only reason and operator_key_id or key_id");
            }

            var reason = body.Reason ?? throw new FormatException("reason is required");
            var actor = await CallerAsync(request, runtime, settings, peerId, $"migrations/{migrationId}/cancel", raw, body, ct);
            var result = await runtime.Peers.SendAsync(peerId, RequestBodies.CommandIdOr(body.CommandId), new CancelMigration(migrationId, reason, actor), ct);
            return CommandResults.From(result, "peer", metrics, (state, _) => new { migration = state.Migration(migrationId) });
        });

        app.MapGet("/v1/peers/{id}/migrations", async (string id, NodeRuntime runtime, CancellationToken ct) =>
        {
            var peerId = PeerEndpoints.Id(id);
            var migrations = await runtime.Peers.QueryAsync(peerId, (state, _) => state.Status == PeerStatus.None ? null : state.Migrations, ct);
            return migrations is null ? Problems.NotFound("PeerNotFound", $"peer '{peerId}' was never proposed") : Results.Json(new { peer_id = peerId, migrations });
        });

        app.MapGet("/v1/peers/{id}/migrations/{mid}", async (string id, string mid, NodeRuntime runtime, CancellationToken ct) =>
        {
            var peerId = PeerEndpoints.Id(id);
            var migrationId = Uri.UnescapeDataString(mid);
            var (migration, version) = await runtime.Peers.QueryAsync(peerId, (state, v) => (state.Migration(migrationId), v), ct);
            return migration is null ? Problems.NotFound("MigrationNotFound", $"peer '{peerId}' has no migration '{migrationId}'") : Results.Json(migration);
        });
    }

    /// <summary>The migration id a plan with <paramref name="commandId"/> gets: derived, so a retried plan names the same migration.</summary>
    internal static string MigrationIdFor(string peerId, string commandId) =>
        "m-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{peerId}\n{commandId}")))[..24];

    // Sends the steps the migration still needs, one command each, until it is transferring (validate) or completed
    // (apply) — or stops in conflict or failed, which is answered 409 with what was recorded.
    private static async Task<IResult> DriveAsync(string id, string mid, HttpRequest request, NodeRuntime runtime, NodeSettings settings, NodeMetrics metrics, bool apply, CancellationToken ct)
    {
        var peerId = PeerEndpoints.Id(id);
        var migrationId = Uri.UnescapeDataString(mid);
        var (body, raw) = await SignedRequests.ReadAsync<MigrationActionRequest>(request, ct);
        if (body.Reason is not null || (!apply && body.Items is not null))
        {
            throw new FormatException(apply ? "apply takes no reason" : "validate takes no items and no reason");
        }

        if (apply && body.Items is null)
        {
            throw new FormatException("items is required: the batch received, one entry per manifest item");
        }

        if (body.Items?.Select((item, i) => item is null ? $"items[{i}] is missing" : null)
            .FirstOrDefault(e => e is not null) is { } badItem)
        {
            throw new FormatException(badItem);
        }

        var caller = await CallerAsync(request, runtime, settings, peerId, $"migrations/{migrationId}/{(apply ? "apply" : "validate")}", raw, body, ct);
        var starter = caller.Kind == ActorKind.Operator ? caller : Executor;
        var commandId = RequestBodies.CommandIdOr(body.CommandId);
        var started = false;
        CommandResult<PeerState>? last = null;
        var written = new List<string>();
        while (true)
        {
            var (migration, version) = await runtime.Peers.QueryAsync(peerId, (state, v) => (state.Migration(migrationId), v), ct);
            PeerCommand? next = migration?.Status switch
            {
                null => new StartMigrationValidation(migrationId, starter, body.ConflictPolicy),
                MigrationStatus.Planned => new StartMigrationValidation(migrationId, starter, body.ConflictPolicy),
                MigrationStatus.Conflict when !started => new StartMigrationValidation(migrationId, starter, body.ConflictPolicy),
                MigrationStatus.Validating => new CompleteMigrationValidation(migrationId, await ExistingAsync(runtime, migration.Planned.Plan.Items, ct), Executor),
                MigrationStatus.Transferring when apply => new CompleteMigrationTransfer(migrationId, body.Items!, settings.Federation.Policy, Executor),
                MigrationStatus.Applying when apply => new ApplyMigration(migrationId, await ExistingAsync(runtime, migration.Planned.Plan.Items, ct), Executor),
                _ => null,
            };
            if (next is null)
            {
                return Answer(migration!, apply, written, version);
            }

            started |= next is StartMigrationValidation;
            last = await runtime.Peers.SendAsync(peerId, $"{commandId}:{(migration?.Status ?? MigrationStatus.None).ToString().ToLowerInvariant()}", next, ct);
            if (!last.IsAccepted)
            {
                return CommandResults.From(last, "peer", metrics, PeerView.Of);
            }

            metrics.Commands.Add(1, new("kind", "peer"), new("status", "accepted"));
            written.AddRange(last.EventTypes);
        }
    }

    private static IResult Answer(PeerMigration migration, bool apply, List<string> written, long version) => migration.Status switch
    {
        MigrationStatus.Conflict or MigrationStatus.Failed or MigrationStatus.Cancelled => Results.Problem(statusCode: StatusCodes.Status409Conflict,
            title: Code(migration.Status), type: $"https://actortrust.dev/problems/{Code(migration.Status)}",
            detail: $"migration '{migration.Id}' is {migration.Status.ToString().ToLowerInvariant()}; nothing of it was applied"
                + (migration.ConflictLog.Count > 0 ? $"; conflicts: {string.Join(", ", migration.ConflictLog.Select(c => c.SourceId))}" : string.Empty),
            extensions: new Dictionary<string, object?> { ["code"] = Code(migration.Status), ["migration"] = migration, ["events"] = written }),
        _ when apply && migration.Status != MigrationStatus.Completed => Results.Problem(statusCode: StatusCodes.Status409Conflict,
            title: "MigrationNotApplied", detail: $"migration '{migration.Id}' is {migration.Status.ToString().ToLowerInvariant()}",
            extensions: new Dictionary<string, object?> { ["code"] = "MigrationNotApplied", ["migration"] = migration }),
        _ => Results.Json(new { accepted = true, duplicate = written.Count == 0, version, events = written, state = new { migration_id = migration.Id, migration } }),
    };

    private static string Code(MigrationStatus status) => status switch
    {
        MigrationStatus.Conflict => "MigrationConflicted",
        MigrationStatus.Failed => "MigrationFailed",
        _ => "MigrationCancelled",
    };

    // The caller, proven by the key it names (401 otherwise): an operator holding federator (else 403, nothing written), or the peer.
    private static async Task<FederationActor> CallerAsync(HttpRequest request, NodeRuntime runtime, NodeSettings settings, string peerId, string action,
        JsonObject raw, MigrationActionRequest body, CancellationToken ct)
    {
        var caller = await FederationActors.OperatorOrPeerAsync(request.HttpContext, runtime, settings.Federation, peerId, raw,
            FederationActors.PeerTarget(peerId, action), body.OperatorKeyId, body.KeyId, ct);
        return caller.Kind != ActorKind.Operator || caller.IsFederator ? caller
            : throw new MigrationCallerException("ActorNotAuthorized", $"{caller} does not hold federator in our domain");
    }

    /// <summary>The ids of <paramref name="manifest"/> that already exist here: carried by a completed migration of any peer.</summary>
    internal static async Task<IReadOnlyList<string>> ExistingAsync(NodeRuntime runtime, IReadOnlyList<MigrationItem> manifest, CancellationToken ct)
    {
        var wanted = manifest.Select(i => i.SourceId).ToHashSet(StringComparer.Ordinal);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var peerId in await PeerDirectory.PeerIdsAsync(runtime, ct))
        {
            found.UnionWith(await runtime.Peers.QueryAsync(peerId, (state, _) => state.Migrations
                .Where(m => m.Status == MigrationStatus.Completed)
                .SelectMany(m => m.Planned.Plan.Items.Select(i => i.SourceId))
                .Where(wanted.Contains)
                .ToList(), ct));
        }

        return [.. found];
    }
}

/// <summary>A migration step's caller is not allowed to send it: answered 403 with <see cref="Exception.Message"/>, nothing written.</summary>
internal sealed class MigrationCallerException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
