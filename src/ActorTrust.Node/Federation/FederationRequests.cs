using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Node.Federation;

// Bodies as the endpoints read them with SignedRequests.ReadAsync: the `authorization` member is taken off before they
// are typed, and checked against the key each names (operator_key_id or key_id) by FederationActors.

/// <summary>The body of <c>POST /v1/contracts</c>.</summary>
internal sealed record PublishContractRequest(int Version, string Text, string OperatorKeyId, Digest? ExpectedDigest = null, string? CommandId = null);

/// <summary>The body of operator actions that carry only a reason (deprecate, suspend, reinstate, revoke-grant).</summary>
internal sealed record OperatorReasonRequest(string Reason, string OperatorKeyId, string? CommandId = null);

/// <summary>The body of <c>POST /v1/peers</c>.</summary>
internal sealed record ProposePeerRequest(string PeerId, string OperatorId, string Endpoint, string PublicKey, string Reason, string OperatorKeyId, string? CommandId = null);

/// <summary>The body of <c>POST /v1/peers/{id}/accept</c>.</summary>
internal sealed record AcceptPeerRequest(string AcceptanceToken, int ContractVersion, Digest ContractDigest, string KeyId, string? CommandId = null);

/// <summary>The body of <c>POST /v1/peers/{id}/enroll</c> and <c>/rehandshake</c>.</summary>
internal sealed record HandshakeRequest(IdentityDisclosure Disclosure, CapabilityDeclaration Capabilities, string KeyId, string? CommandId = null);

/// <summary>The body of <c>POST /v1/peers/{id}/heartbeat</c>.</summary>
internal sealed record HeartbeatRequest(IdentityDisclosure Disclosure, int AdvertisedContractVersion, string KeyId, CapabilityDeclaration? Capabilities = null, string? CommandId = null);

/// <summary>
/// The body of <c>POST /v1/peers/{id}/revoke</c> and <c>/compromise</c>: sent by an operator (<c>operator_key_id</c>) or
/// by the peer itself (<c>key_id</c>), exactly one of them.
/// </summary>
internal sealed record PeerOrOperatorRequest(string? Reason = null, CompromiseDisclosure? Disclosure = null, string? OperatorKeyId = null, string? KeyId = null, string? CommandId = null);

/// <summary>The body of <c>POST /v1/peers/{id}/grants</c>.</summary>
internal sealed record IssueGrantRequest(GrantRequest Grant, string OperatorKeyId, string? CommandId = null);

/// <summary>The body of <c>POST /v1/peers/{id}/grants/{grantId}/exercise</c>.</summary>
internal sealed record ExerciseGrantRequest(string Credential, GrantUse Use, string KeyId, string? CommandId = null);

/// <summary>The body of <c>POST /v1/peers/{id}/migrations</c>: the peer plans an inbound migration under a migrate grant.</summary>
internal sealed record PlanMigrationRequest(string GrantId, string Credential, Core.Federation.Migrations.MigrationPlan Plan, string KeyId, string? CommandId = null);

/// <summary>
/// The body of <c>POST /v1/peers/{id}/migrations/{mid}/validate</c>, <c>/apply</c> and <c>/cancel</c>: sent by an operator
/// (<c>operator_key_id</c>) or by the peer (<c>key_id</c>), exactly one. <c>items</c> is the batch received (apply only);
/// <c>conflict_policy</c> replaces the plan's (validate and apply); <c>reason</c> is required to cancel.
/// </summary>
internal sealed record MigrationActionRequest(
    string? OperatorKeyId = null, string? KeyId = null, IReadOnlyList<Core.Federation.Migrations.MigrationItem>? Items = null,
    Core.Federation.Migrations.ConflictPolicy? ConflictPolicy = null, string? Reason = null, string? CommandId = null);
