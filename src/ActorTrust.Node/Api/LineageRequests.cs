using System.Text.Json.Nodes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Lineage;

namespace ActorTrust.Node.Api;

// Bodies of the /v1/lineages/{agentId}/... endpoints (unknown members are refused). An executor's body names its key
// id in `executor` and also carries an `authorization` member signed by that key, which SignedRequests strips before
// these records are bound. Operator bodies name no operator: the node records the authenticated API principal. A
// checkpoint commit needs neither — its envelope's signature under a roster key identifies the executor.

/// <summary>The body of <c>POST /v1/lineages/{agentId}/grant</c>.</summary>
internal sealed record GrantRequest(Digest Executor, string? CommandId = null);

/// <summary>The body of <c>POST /v1/lineages/{agentId}/renew</c>.</summary>
internal sealed record RenewRequest(Digest Executor, Epoch Epoch, string? CommandId = null);

/// <summary>The body of <c>POST /v1/lineages/{agentId}/checkpoints</c>: the signed checkpoint envelope.</summary>
internal sealed record CommitRequest(JsonObject Envelope, string? CommandId = null);

/// <summary>The body of <c>POST /v1/lineages/{agentId}/handoff</c>.</summary>
internal sealed record HandoffRequest(Digest Executor, Epoch Epoch, Digest To, string? CommandId = null);

/// <summary>The body of <c>POST /v1/lineages/{agentId}/abort</c>.</summary>
internal sealed record AbortRequest(Digest Executor, Epoch Epoch, string? CommandId = null);

/// <summary>The body of <c>POST /v1/lineages/{agentId}/transfer-sent</c>.</summary>
internal sealed record TransferSentRequest(Digest Executor, Epoch Epoch, Digest Checkpoint, string? CommandId = null);

/// <summary>The body of <c>POST /v1/lineages/{agentId}/confirm</c>: the target executor and the checkpoint it resumed from.</summary>
internal sealed record ConfirmRequest(Digest Executor, Digest Checkpoint, string? CommandId = null);

/// <summary>The body of <c>POST /v1/lineages/{agentId}/recover</c>.</summary>
internal sealed record RecoverRequest(Digest Executor, string? CommandId = null);

/// <summary>The body of <c>POST /v1/lineages/{agentId}/retire</c>.</summary>
internal sealed record RetireRequest(string? CommandId = null);

/// <summary>The body of <c>POST /v1/lineages/{agentId}/side-effects</c>.</summary>
internal sealed record SideEffectRequest(Digest Executor, Epoch Epoch, Digest Effect, string? CommandId = null);
