using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Requests;

namespace ActorTrust.Client;

// Lineage commands (/v1/lineages/{agentId}/...). An executor's command names the executor's key id in `executor` and
// is signed by that key (a request authorization for entity kind `lineage`, the agent's SPIFFE ID as given, and the
// action segment: renew, handoff, abort, transfer-sent, confirm, side-effects). An operator's command names no operator:
// the node records the principal it authenticated (token, certificate, or `insecure` on an insecure node). A checkpoint
// commit is identified by its envelope's signature.
public sealed partial class ActorTrustClient
{
    /// <summary>
    /// Gives <paramref name="executor"/> authority over the agent's unassigned lineage at epoch 1.0. The node records
    /// the authenticated caller as the operator.
    /// </summary>
    public Task<CommandOutcome> GrantAuthorityAsync(string agentId, Digest executor, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "grant", new() { ["executor"] = executor.ToString() }, commandId, cancellationToken);

    /// <summary>
    /// The owner renews its lease at the epoch it holds; accepted state carries the next generation. Signed by
    /// <paramref name="executor"/> (its key id is the body's <c>executor</c>) for target
    /// (<c>lineage</c>, <paramref name="agentId"/>, <c>renew</c>).
    /// </summary>
    public Task<CommandOutcome> RenewLeaseAsync(string agentId, IEnvelopeSigner executor, Epoch epoch, string? commandId = null, CancellationToken cancellationToken = default) =>
        ExecutorAsync(agentId, "renew", executor, new() { ["epoch"] = EpochJson(epoch) }, commandId, cancellationToken);

    /// <summary>Commits a checkpoint envelope (DSSE JSON signed by the owning executor's key).</summary>
    public Task<CommandOutcome> CommitCheckpointAsync(string agentId, string envelopeJson, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "checkpoints", new() { ["envelope"] = JsonNode.Parse(envelopeJson) }, commandId, cancellationToken);

    /// <summary>
    /// The owner begins handing authority to <paramref name="to"/>. Signed by <paramref name="executor"/> for target
    /// (<c>lineage</c>, <paramref name="agentId"/>, <c>handoff</c>).
    /// </summary>
    public Task<CommandOutcome> BeginHandoffAsync(string agentId, IEnvelopeSigner executor, Epoch epoch, Digest to, string? commandId = null, CancellationToken cancellationToken = default) =>
        ExecutorAsync(agentId, "handoff", executor, new() { ["epoch"] = EpochJson(epoch), ["to"] = to.ToString() }, commandId, cancellationToken);

    /// <summary>
    /// The owner abandons a handoff whose package was not yet sent. Signed by <paramref name="executor"/> for target
    /// (<c>lineage</c>, <paramref name="agentId"/>, <c>abort</c>).
    /// </summary>
    public Task<CommandOutcome> AbortHandoffAsync(string agentId, IEnvelopeSigner executor, Epoch epoch, string? commandId = null, CancellationToken cancellationToken = default) =>
        ExecutorAsync(agentId, "abort", executor, new() { ["epoch"] = EpochJson(epoch) }, commandId, cancellationToken);

    /// <summary>
    /// The owner reports the migration package (resuming from <paramref name="checkpoint"/>, the head) sent. Signed by
    /// <paramref name="executor"/> for target (<c>lineage</c>, <paramref name="agentId"/>, <c>transfer-sent</c>).
    /// </summary>
    public Task<CommandOutcome> ReportTransferSentAsync(string agentId, IEnvelopeSigner executor, Epoch epoch, Digest checkpoint, string? commandId = null,
        CancellationToken cancellationToken = default) =>
        ExecutorAsync(agentId, "transfer-sent", executor, new() { ["epoch"] = EpochJson(epoch), ["checkpoint"] = checkpoint.ToString() }, commandId, cancellationToken);

    /// <summary>
    /// The handoff's target confirms it resumed from <paramref name="checkpoint"/>; it becomes the owner at the next major
    /// epoch. Signed by the target <paramref name="executor"/> for target (<c>lineage</c>, <paramref name="agentId"/>, <c>confirm</c>).
    /// </summary>
    public Task<CommandOutcome> ConfirmHandoffAsync(string agentId, IEnvelopeSigner executor, Digest checkpoint, string? commandId = null, CancellationToken cancellationToken = default) =>
        ExecutorAsync(agentId, "confirm", executor, new() { ["checkpoint"] = checkpoint.ToString() }, commandId, cancellationToken);

    /// <summary>
    /// An operator resolves RecoveryRequired: <paramref name="executor"/> resumes from the head at the next major epoch.
    /// Needs the <c>admin</c> API role; the node records the authenticated caller as the operator.
    /// </summary>
    public Task<CommandOutcome> RecoverLineageAsync(string agentId, Digest executor, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "recover", new() { ["executor"] = executor.ToString() }, commandId, cancellationToken);

    /// <summary>An operator ends the lineage for good. Needs the <c>admin</c> API role; the node records the authenticated caller.</summary>
    public Task<CommandOutcome> RetireLineageAsync(string agentId, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "retire", [], commandId, cancellationToken);

    /// <summary>
    /// The owner asks to perform the side effect <paramref name="effect"/> under its epoch (granted at most once per
    /// lineage). Signed by <paramref name="executor"/> for target (<c>lineage</c>, <paramref name="agentId"/>, <c>side-effects</c>).
    /// </summary>
    public Task<CommandOutcome> AuthorizeSideEffectAsync(string agentId, IEnvelopeSigner executor, Epoch epoch, Digest effect, string? commandId = null,
        CancellationToken cancellationToken = default) =>
        ExecutorAsync(agentId, "side-effects", executor, new() { ["epoch"] = EpochJson(epoch), ["effect"] = effect.ToString() }, commandId, cancellationToken);

    /// <summary>The lineage's operator view now (snapshot with the clocks applied, head, epoch, chain length), or null when it has no events.</summary>
    public Task<JsonElement?> GetLineageAsync(string agentId, CancellationToken cancellationToken = default) =>
        GetOrNullAsync($"v1/lineages/{Uri.EscapeDataString(agentId)}", cancellationToken);

    /// <summary>The lineage's chain: the committed checkpoints and their envelopes (<c>envelopes</c>, genesis first), or null.</summary>
    public Task<JsonElement?> GetLineageChainAsync(string agentId, CancellationToken cancellationToken = default) =>
        GetOrNullAsync($"v1/lineages/{Uri.EscapeDataString(agentId)}/chain", cancellationToken);

    /// <summary>Records an execution receipt in a domain: a signed envelope (certified) or the unsigned receipt JSON (informational).</summary>
    public Task<CommandOutcome> RecordReceiptAsync(string domainId, string receiptJson, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync($"v1/domains/{Uri.EscapeDataString(domainId)}/receipts",
            new JsonObject { ["command_id"] = commandId ?? Guid.NewGuid().ToString("N"), ["receipt"] = JsonNode.Parse(receiptJson) }.ToJsonString(), cancellationToken);

    /// <summary>Records a signed certification statement (publication, audit attestation) in a domain.</summary>
    public Task<CommandOutcome> CertifyAsync(string domainId, string envelopeJson, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync($"v1/domains/{Uri.EscapeDataString(domainId)}/certifications",
            new JsonObject { ["command_id"] = commandId ?? Guid.NewGuid().ToString("N"), ["envelope"] = JsonNode.Parse(envelopeJson) }.ToJsonString(), cancellationToken);

    /// <summary>The receipts a domain recorded (digest, standing, signer, journal position, document), or null when the domain does not exist.</summary>
    public Task<JsonElement?> GetReceiptsAsync(string domainId, CancellationToken cancellationToken = default) =>
        GetOrNullAsync($"v1/domains/{Uri.EscapeDataString(domainId)}/receipts", cancellationToken);

    private Task<CommandOutcome> LineageAsync(string agentId, string action, JsonObject body, string? commandId, CancellationToken cancellationToken)
    {
        body["command_id"] = commandId ?? Guid.NewGuid().ToString("N");
        return SendBodyAsync($"v1/lineages/{Uri.EscapeDataString(agentId)}/{action}", body.ToJsonString(), cancellationToken);
    }

    // An executor's command: `executor` is the signer's key id, and the body is signed for (lineage, agent id, action).
    private Task<CommandOutcome> ExecutorAsync(string agentId, string action, IEnvelopeSigner executor, JsonObject body, string? commandId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(executor);
        body["executor"] = executor.KeyId;
        return SendSignedAsync($"v1/lineages/{Uri.EscapeDataString(agentId)}/{action}", body, new RequestTarget("lineage", agentId, action), executor, commandId,
            cancellationToken);
    }

    private static JsonObject EpochJson(Epoch epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        return new JsonObject { ["major"] = epoch.Major, ["generation"] = epoch.Generation };
    }
}
