using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Lineage;

namespace ActorTrust.Client;

// Lineage commands (/v1/lineages/{agentId}/...). Until mutual TLS the executor key id and the operator are sent in
// the body, as given; a checkpoint commit is identified by its envelope's signature.
public sealed partial class ActorTrustClient
{
    /// <summary>Gives <paramref name="executor"/> authority over the agent's unassigned lineage at epoch 1.0.</summary>
    public Task<CommandOutcome> GrantAuthorityAsync(string agentId, Digest executor, string @operator, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "grant", new() { ["executor"] = executor.ToString(), ["operator"] = @operator }, commandId, cancellationToken);

    /// <summary>The owner renews its lease at the epoch it holds; accepted state carries the next generation.</summary>
    public Task<CommandOutcome> RenewLeaseAsync(string agentId, Digest executor, Epoch epoch, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "renew", new() { ["executor"] = executor.ToString(), ["epoch"] = EpochJson(epoch) }, commandId, cancellationToken);

    /// <summary>Commits a checkpoint envelope (DSSE JSON signed by the owning executor's key).</summary>
    public Task<CommandOutcome> CommitCheckpointAsync(string agentId, string envelopeJson, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "checkpoints", new() { ["envelope"] = JsonNode.Parse(envelopeJson) }, commandId, cancellationToken);

    /// <summary>The owner begins handing authority to <paramref name="to"/>.</summary>
    public Task<CommandOutcome> BeginHandoffAsync(string agentId, Digest executor, Epoch epoch, Digest to, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "handoff", new() { ["executor"] = executor.ToString(), ["epoch"] = EpochJson(epoch), ["to"] = to.ToString() }, commandId, cancellationToken);

    /// <summary>The owner abandons a handoff whose package was not yet sent.</summary>
    public Task<CommandOutcome> AbortHandoffAsync(string agentId, Digest executor, Epoch epoch, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "abort", new() { ["executor"] = executor.ToString(), ["epoch"] = EpochJson(epoch) }, commandId, cancellationToken);

    /// <summary>The owner reports the migration package (resuming from <paramref name="checkpoint"/>, the head) sent.</summary>
    public Task<CommandOutcome> ReportTransferSentAsync(string agentId, Digest executor, Epoch epoch, Digest checkpoint, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "transfer-sent", new() { ["executor"] = executor.ToString(), ["epoch"] = EpochJson(epoch), ["checkpoint"] = checkpoint.ToString() }, commandId, cancellationToken);

    /// <summary>The handoff's target confirms it resumed from <paramref name="checkpoint"/>; it becomes the owner at the next major epoch.</summary>
    public Task<CommandOutcome> ConfirmHandoffAsync(string agentId, Digest executor, Digest checkpoint, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "confirm", new() { ["executor"] = executor.ToString(), ["checkpoint"] = checkpoint.ToString() }, commandId, cancellationToken);

    /// <summary>An operator resolves RecoveryRequired: <paramref name="executor"/> resumes from the head at the next major epoch.</summary>
    public Task<CommandOutcome> RecoverLineageAsync(string agentId, Digest executor, string @operator, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "recover", new() { ["executor"] = executor.ToString(), ["operator"] = @operator }, commandId, cancellationToken);

    /// <summary>An operator ends the lineage for good.</summary>
    public Task<CommandOutcome> RetireLineageAsync(string agentId, string @operator, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "retire", new() { ["operator"] = @operator }, commandId, cancellationToken);

    /// <summary>The owner asks to perform the side effect <paramref name="effect"/> under its epoch (granted at most once per lineage).</summary>
    public Task<CommandOutcome> AuthorizeSideEffectAsync(string agentId, Digest executor, Epoch epoch, Digest effect, string? commandId = null, CancellationToken cancellationToken = default) =>
        LineageAsync(agentId, "side-effects", new() { ["executor"] = executor.ToString(), ["epoch"] = EpochJson(epoch), ["effect"] = effect.ToString() }, commandId, cancellationToken);

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

    private static JsonObject EpochJson(Epoch epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        return new JsonObject { ["major"] = epoch.Major, ["generation"] = epoch.Generation };
    }
}
