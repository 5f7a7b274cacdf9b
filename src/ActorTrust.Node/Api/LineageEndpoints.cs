using ActorTrust.Core.Identity;
using ActorTrust.Core.Lineage;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Metrics;
using ActorTrust.Runtime.Journal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ActorTrust.Node.Api;

/// <summary>
/// <c>/v1/lineages/{agentId}</c>: the checkpoint lineage of one agent — which executor holds authority, at which
/// epoch, and the signed checkpoint chain. Before each command the agent's trust domain is asked for its current
/// authority manifest (the executor roster); the node fills the lineage clocks from <c>actortrust.lineage</c> and
/// the decision time from its clock. Until mutual TLS there is no authenticated connection: the executor key id and
/// the operator are taken from the request body. Checkpoint commits authenticate themselves by their signature.
/// </summary>
internal static class LineageEndpoints
{
    private delegate LineageCommand Create<in TBody>(TBody body, ExecutorRoster roster, LineageSettings clocks);

    public static void Map(IEndpointRouteBuilder app)
    {
        var lineage = app.MapGroup("/v1/lineages/{agentId}");
        lineage.MapPost("/grant", (string agentId, HttpContext http, CancellationToken ct) =>
            SendAsync<GrantRequest>(http, agentId, b => b.CommandId, true, (b, roster, clocks) => new GrantAuthority(b.Executor, b.Operator, roster, clocks), ct));
        lineage.MapPost("/renew", (string agentId, HttpContext http, CancellationToken ct) =>
            SendAsync<RenewRequest>(http, agentId, b => b.CommandId, true, (b, roster, clocks) => new RenewLease(b.Executor, b.Epoch, roster, clocks), ct));
        lineage.MapPost("/checkpoints", (string agentId, HttpContext http, CancellationToken ct) =>
            SendAsync<CommitRequest>(http, agentId, b => b.CommandId, true, (b, roster, _) => new CommitCheckpoint(b.Envelope.ToJsonString(), roster), ct));
        lineage.MapPost("/handoff", (string agentId, HttpContext http, CancellationToken ct) =>
            SendAsync<HandoffRequest>(http, agentId, b => b.CommandId, true, (b, roster, _) => new BeginHandoff(b.Executor, b.Epoch, b.To, roster), ct));
        lineage.MapPost("/abort", (string agentId, HttpContext http, CancellationToken ct) =>
            SendAsync<AbortRequest>(http, agentId, b => b.CommandId, false, (b, _, _) => new AbortHandoff(b.Executor, b.Epoch), ct));
        lineage.MapPost("/transfer-sent", (string agentId, HttpContext http, CancellationToken ct) =>
            SendAsync<TransferSentRequest>(http, agentId, b => b.CommandId, false, (b, _, clocks) => new ReportTransferSent(b.Executor, b.Epoch, b.Checkpoint, clocks), ct));
        lineage.MapPost("/confirm", (string agentId, HttpContext http, CancellationToken ct) =>
            SendAsync<ConfirmRequest>(http, agentId, b => b.CommandId, true, (b, roster, clocks) => new ConfirmHandoff(b.Executor, b.Checkpoint, roster, clocks), ct));
        lineage.MapPost("/recover", (string agentId, HttpContext http, CancellationToken ct) =>
            SendAsync<RecoverRequest>(http, agentId, b => b.CommandId, true, (b, roster, clocks) => new Recover(b.Executor, b.Operator, roster, clocks), ct));
        lineage.MapPost("/retire", (string agentId, HttpContext http, CancellationToken ct) =>
            SendAsync<RetireRequest>(http, agentId, b => b.CommandId, false, (b, _, _) => new Retire(b.Operator), ct));
        lineage.MapPost("/side-effects", (string agentId, HttpContext http, CancellationToken ct) =>
            SendAsync<SideEffectRequest>(http, agentId, b => b.CommandId, true, (b, roster, _) => new AuthorizeSideEffect(b.Executor, b.Epoch, b.Effect, roster), ct));

        lineage.MapGet(string.Empty, async (string agentId, NodeRuntime runtime, TimeProvider time, CancellationToken ct) =>
        {
            var id = Agent(agentId).ToString();
            var now = time.GetUtcNow();
            var view = await runtime.Lineages.QueryAsync(id, (state, version) => version == 0 ? null : LineageView.Of(state, version, now), ct);
            return view is null ? Problems.NotFound("LineageNotFound", $"agent '{id}' has no lineage") : Results.Json(view);
        });

        lineage.MapGet("/chain", async (string agentId, NodeRuntime runtime, CancellationToken ct) =>
        {
            var id = Agent(agentId).ToString();
            var chain = await runtime.Lineages.QueryAsync(id, (state, version) => version == 0 ? null : LineageView.ChainOf(state, version), ct);
            return chain is null
                ? Problems.NotFound("LineageNotFound", $"agent '{id}' has no lineage")
                : Results.Json(new { agent_id = id, chain, envelopes = await EnvelopesAsync(runtime, id, ct) });
        });
    }

    private static async Task<IResult> SendAsync<TBody>(HttpContext http, string rawAgentId, Func<TBody, string?> commandId, bool needsRoster,
        Create<TBody> create, CancellationToken ct)
        where TBody : class
    {
        var runtime = http.RequestServices.GetRequiredService<NodeRuntime>();
        var settings = http.RequestServices.GetRequiredService<NodeSettings>();
        var metrics = http.RequestServices.GetRequiredService<NodeMetrics>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var agentId = Agent(rawAgentId);
        var body = await RequestBodies.ReadAsync<TBody>(http.Request, null, ct);
        var id = RequestBodies.CommandIdOr(commandId(body));

        // The roster is asked of the domain entity before the lineage's mailbox is entered, never while holding it.
        var roster = await runtime.Domains.QueryAsync(agentId.TrustDomain, (state, _) => state.Current is { } current ? ExecutorRoster.From(current) : null, ct);
        if (roster is null && needsRoster)
        {
            return Problems.NotFound("DomainNotFound", $"trust domain '{agentId.TrustDomain}' of agent {agentId} has no authority manifest");
        }

        var command = create(body, roster!, settings.Lineage);
        var result = await runtime.Lineages.SendAsync(agentId.ToString(), id, command, ct);
        return CommandResults.From(result, "lineage", metrics, (state, version) => LineageView.Of(state, version, time.GetUtcNow()));
    }

    // The checkpoint envelopes in commit order, read from the lineage's journal (what an offline verifier checks).
    private static async Task<List<System.Text.Json.Nodes.JsonNode?>> EnvelopesAsync(NodeRuntime runtime, string agentId, CancellationToken ct)
    {
        var events = new List<LineageEvent>();
        await foreach (var record in runtime.Journal.ReadStreamAsync(PersistenceIds.For(EntityKinds.Lineage.Name, agentId), 1, ct))
        {
            events.Add(EntityKinds.Lineage.Events.Deserialize(record.EventType, record.Payload));
        }

        return [.. CheckpointChainVerifier.EnvelopesOf(events).Select(e => System.Text.Json.Nodes.JsonNode.Parse(e))];
    }

    private static SpiffeId Agent(string raw) =>
        SpiffeId.TryParse(Uri.UnescapeDataString(raw), out var id, out var error) ? id : throw new FormatException($"agent id: {error}");
}
