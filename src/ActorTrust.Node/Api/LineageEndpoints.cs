using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Requests;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Metrics;
using ActorTrust.Node.Security;
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
/// the decision time from its clock. Who sends a command is never taken on the body's word:
/// <list type="bullet">
/// <item>An executor's command (renew, handoff, abort, transfer-sent, confirm, side-effects) names the executor's key
/// id in <c>executor</c> and carries an <c>authorization</c> signed by that key (<see cref="SignedRequests"/>) for the
/// target <c>lineage</c> / the agent's SPIFFE ID / the action segment; the key is looked up on the roster.</item>
/// <item>An operator's command (grant, recover, retire) is recorded under the principal the API authenticated
/// (<see cref="ApiAuthentication.PrincipalItem"/>) and how it was authenticated; the body names no operator.</item>
/// <item>A checkpoint commit authenticates itself: its envelope is signed by the owner's key.</item>
/// </list>
/// </summary>
internal static class LineageEndpoints
{
    private delegate LineageCommand Create<in TBody>(TBody body, ExecutorRoster roster, LineageSettings clocks);

    private delegate LineageCommand CreateByOperator<in TBody>(TBody body, ExecutorRoster roster, LineageSettings clocks, AuthenticatedPrincipal principal);

    public static void Map(IEndpointRouteBuilder app)
    {
        var lineage = app.MapGroup("/v1/lineages/{agentId}");
        lineage.MapPost("/grant", (string agentId, HttpContext http, CancellationToken ct) =>
            SendByOperatorAsync<GrantRequest>(http, agentId, b => b.CommandId, true,
                (b, roster, clocks, by) => new GrantAuthority(b.Executor, by.Name, roster, clocks, by.Method), ct));
        lineage.MapPost("/renew", (string agentId, HttpContext http, CancellationToken ct) =>
            SendByExecutorAsync<RenewRequest>(http, agentId, "renew", b => b.Executor, b => b.CommandId, (b, roster, clocks) => new RenewLease(b.Executor, b.Epoch, roster, clocks), ct));
        lineage.MapPost("/checkpoints", (string agentId, HttpContext http, CancellationToken ct) =>
            SendAsync<CommitRequest>(http, agentId, b => b.CommandId, (b, roster, _) => new CommitCheckpoint(b.Envelope.ToJsonString(), roster), ct));
        lineage.MapPost("/handoff", (string agentId, HttpContext http, CancellationToken ct) =>
            SendByExecutorAsync<HandoffRequest>(http, agentId, "handoff", b => b.Executor, b => b.CommandId, (b, roster, _) => new BeginHandoff(b.Executor, b.Epoch, b.To, roster), ct));
        lineage.MapPost("/abort", (string agentId, HttpContext http, CancellationToken ct) =>
            SendByExecutorAsync<AbortRequest>(http, agentId, "abort", b => b.Executor, b => b.CommandId, (b, _, _) => new AbortHandoff(b.Executor, b.Epoch), ct));
        lineage.MapPost("/transfer-sent", (string agentId, HttpContext http, CancellationToken ct) =>
            SendByExecutorAsync<TransferSentRequest>(http, agentId, "transfer-sent", b => b.Executor, b => b.CommandId,
                (b, _, clocks) => new ReportTransferSent(b.Executor, b.Epoch, b.Checkpoint, clocks), ct));
        lineage.MapPost("/confirm", (string agentId, HttpContext http, CancellationToken ct) =>
            SendByExecutorAsync<ConfirmRequest>(http, agentId, "confirm", b => b.Executor, b => b.CommandId,
                (b, roster, clocks) => new ConfirmHandoff(b.Executor, b.Checkpoint, roster, clocks), ct));
        lineage.MapPost("/recover", (string agentId, HttpContext http, CancellationToken ct) =>
            SendByOperatorAsync<RecoverRequest>(http, agentId, b => b.CommandId, true,
                (b, roster, clocks, by) => new Recover(b.Executor, by.Name, roster, clocks, by.Method), ct));
        lineage.MapPost("/retire", (string agentId, HttpContext http, CancellationToken ct) =>
            SendByOperatorAsync<RetireRequest>(http, agentId, b => b.CommandId, false, (_, _, _, by) => new Retire(by.Name, by.Method), ct));
        lineage.MapPost("/side-effects", (string agentId, HttpContext http, CancellationToken ct) =>
            SendByExecutorAsync<SideEffectRequest>(http, agentId, "side-effects", b => b.Executor, b => b.CommandId,
                (b, roster, _) => new AuthorizeSideEffect(b.Executor, b.Epoch, b.Effect, roster), ct));

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

    // A checkpoint commit: the envelope's signature under a roster key identifies the executor.
    private static async Task<IResult> SendAsync<TBody>(HttpContext http, string rawAgentId, Func<TBody, string?> commandId, Create<TBody> create, CancellationToken ct)
        where TBody : class
    {
        var agentId = Agent(rawAgentId);
        var body = await RequestBodies.ReadAsync<TBody>(http.Request, null, ct);
        var id = RequestBodies.CommandIdOr(commandId(body));
        return await RosterAsync(http, agentId, ct) is { } roster
            ? await DecideAsync(http, agentId, id, create(body, roster, Settings(http).Lineage), ct)
            : DomainNotFound(agentId);
    }

    // An executor's command: signed by the key it names in `executor`, which must be on the agent's domain's roster.
    private static async Task<IResult> SendByExecutorAsync<TBody>(HttpContext http, string rawAgentId, string action, Func<TBody, Digest> executor,
        Func<TBody, string?> commandId, Create<TBody> create, CancellationToken ct)
        where TBody : class
    {
        var agentId = Agent(rawAgentId);
        var (body, raw) = await SignedRequests.ReadAsync<TBody>(http.Request, ct);
        if (await RosterAsync(http, agentId, ct) is not { } roster)
        {
            return DomainNotFound(agentId);
        }

        var named = executor(body);
        SignedRequests.Require(http, raw, new RequestTarget(EntityKinds.Lineage.Name, agentId.ToString(), action), named, roster.KeyOf(named));
        var id = RequestBodies.CommandIdOr(commandId(body));
        return await DecideAsync(http, agentId, id, create(body, roster, Settings(http).Lineage), ct);
    }

    // An operator's command: recorded under the authenticated API principal (in insecure mode, "insecure").
    private static async Task<IResult> SendByOperatorAsync<TBody>(HttpContext http, string rawAgentId, Func<TBody, string?> commandId, bool needsRoster,
        CreateByOperator<TBody> create, CancellationToken ct)
        where TBody : class
    {
        if (http.Items[ApiAuthentication.PrincipalItem] is not AuthenticatedPrincipal principal)
        {
            // The authentication middleware sets the principal for every lineage command; without one nothing is sent.
            return Problems.Of(StatusCodes.Status401Unauthorized, "Unauthenticated", "an operator command needs an authenticated principal");
        }

        var agentId = Agent(rawAgentId);
        var body = await RequestBodies.ReadAsync<TBody>(http.Request, null, ct);
        var id = RequestBodies.CommandIdOr(commandId(body));
        var roster = await RosterAsync(http, agentId, ct);
        if (roster is null && needsRoster)
        {
            return DomainNotFound(agentId);
        }

        return await DecideAsync(http, agentId, id, create(body, roster!, Settings(http).Lineage, principal), ct);
    }

    // The roster is asked of the domain entity before the lineage's mailbox is entered, never while holding it.
    private static Task<ExecutorRoster?> RosterAsync(HttpContext http, SpiffeId agentId, CancellationToken ct) =>
        http.RequestServices.GetRequiredService<NodeRuntime>().Domains
            .QueryAsync(agentId.TrustDomain, (state, _) => state.Current is { } current ? ExecutorRoster.From(current) : null, ct);

    private static async Task<IResult> DecideAsync(HttpContext http, SpiffeId agentId, string commandId, LineageCommand command, CancellationToken ct)
    {
        var services = http.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var result = await services.GetRequiredService<NodeRuntime>().Lineages.SendAsync(agentId.ToString(), commandId, command, ct);
        return CommandResults.From(result, "lineage", services.GetRequiredService<NodeMetrics>(), (state, version) => LineageView.Of(state, version, time.GetUtcNow()));
    }

    private static NodeSettings Settings(HttpContext http) => http.RequestServices.GetRequiredService<NodeSettings>();

    private static IResult DomainNotFound(SpiffeId agentId) =>
        Problems.NotFound("DomainNotFound", $"trust domain '{agentId.TrustDomain}' of agent {agentId} has no authority manifest");

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
