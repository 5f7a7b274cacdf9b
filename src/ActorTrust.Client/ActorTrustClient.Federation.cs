using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Json;

namespace ActorTrust.Client;

public sealed partial class ActorTrustClient
{
    /// <summary>
    /// Publishes contract <paramref name="version"/> with <paramref name="text"/> as operator key <paramref name="operatorKeyId"/>
    /// (which must hold <c>federator</c> in the node's home domain). The accepted state carries the text's <c>digest</c>.
    /// </summary>
    public Task<CommandOutcome> PublishContractAsync(int version, string text, string operatorKeyId, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync("v1/contracts", Body(commandId, new() { ["version"] = version, ["text"] = text, ["operator_key_id"] = operatorKeyId }), cancellationToken);

    /// <summary>Deprecates contract <paramref name="version"/>: no new federation may agree to it.</summary>
    public Task<CommandOutcome> DeprecateContractAsync(int version, string reason, string operatorKeyId, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync($"v1/contracts/{version}/deprecate", Body(commandId, new() { ["reason"] = reason, ["operator_key_id"] = operatorKeyId }), cancellationToken);

    /// <summary>Contract <paramref name="version"/> (status, digest, text), or null when unpublished.</summary>
    public Task<JsonElement?> GetContractAsync(int version, CancellationToken cancellationToken = default) =>
        GetOrNullAsync($"v1/contracts/{version}", cancellationToken);

    /// <summary>The latest published, non-deprecated contract, or null when there is none.</summary>
    public Task<JsonElement?> GetLatestContractAsync(CancellationToken cancellationToken = default) =>
        GetOrNullAsync("v1/contracts/latest", cancellationToken);

    /// <summary>Proposes a peering. The accepted state carries <c>acceptance_token</c>: shown once, never again.</summary>
    public Task<CommandOutcome> ProposePeerAsync(string peerId, string operatorId, string endpoint, string publicKey, string reason, string operatorKeyId,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync("v1/peers", Body(commandId, new()
        {
            ["peer_id"] = peerId, ["operator_id"] = operatorId, ["endpoint"] = endpoint, ["public_key"] = publicKey,
            ["reason"] = reason, ["operator_key_id"] = operatorKeyId,
        }), cancellationToken);

    /// <summary>The peer accepts with its token and the contract version it agrees to, with that version's digest.</summary>
    public Task<CommandOutcome> AcceptPeerAsync(string peerId, string acceptanceToken, int contractVersion, string contractDigest, string peerKeyId,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync(PeerPath(peerId, "accept"), Body(commandId, new()
        {
            ["acceptance_token"] = acceptanceToken, ["contract_version"] = contractVersion, ["contract_digest"] = contractDigest, ["key_id"] = peerKeyId,
        }), cancellationToken);

    /// <summary>The peer's first handshake: complete identity disclosure and declared capabilities.</summary>
    public Task<CommandOutcome> EnrollPeerAsync(string peerId, IdentityDisclosure disclosure, CapabilityDeclaration capabilities, string peerKeyId,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync(PeerPath(peerId, "enroll"), Body(commandId, new()
        {
            ["disclosure"] = Node(disclosure), ["capabilities"] = Node(capabilities), ["key_id"] = peerKeyId,
        }), cancellationToken);

    /// <summary>A heartbeat from the peer, advertising the contract version it honours.</summary>
    public Task<CommandOutcome> HeartbeatAsync(string peerId, IdentityDisclosure disclosure, int advertisedContractVersion, string peerKeyId,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync(PeerPath(peerId, "heartbeat"), Body(commandId, new()
        {
            ["disclosure"] = Node(disclosure), ["advertised_contract_version"] = advertisedContractVersion, ["key_id"] = peerKeyId,
        }), cancellationToken);

    /// <summary>Asks the node to check the peer's liveness now (what its liveness timer does).</summary>
    public Task<CommandOutcome> CheckPeerLivenessAsync(string peerId, CancellationToken cancellationToken = default) =>
        SendBodyAsync(PeerPath(peerId, "liveness"), "{}", cancellationToken);

    /// <summary>An operator action with a reason: <c>suspend</c> or <c>reinstate</c>; or <c>revoke</c> (terminal).</summary>
    public Task<CommandOutcome> PeerOperatorActionAsync(string peerId, string action, string reason, string operatorKeyId,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync(PeerPath(peerId, action), Body(commandId, new() { ["reason"] = reason, ["operator_key_id"] = operatorKeyId }), cancellationToken);

    /// <summary>Issues a grant. The accepted state carries <c>grant_id</c> and the bearer <c>credential</c>: shown once.</summary>
    public Task<CommandOutcome> IssueGrantAsync(string peerId, GrantRequest grant, string operatorKeyId, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync(PeerPath(peerId, "grants"), Body(commandId, new() { ["grant"] = Node(grant), ["operator_key_id"] = operatorKeyId }), cancellationToken);

    /// <summary>Revokes grant <paramref name="grantId"/> before its expiry.</summary>
    public Task<CommandOutcome> RevokeGrantAsync(string peerId, string grantId, string reason, string operatorKeyId, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync(PeerPath(peerId, $"grants/{Uri.EscapeDataString(grantId)}/revoke"),
            Body(commandId, new() { ["reason"] = reason, ["operator_key_id"] = operatorKeyId }), cancellationToken);

    /// <summary>The peer uses grant <paramref name="grantId"/> with its bearer credential; refused uses are recorded too.</summary>
    public Task<CommandOutcome> ExerciseGrantAsync(string peerId, string grantId, string credential, GrantUse use, string peerKeyId,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendBodyAsync(PeerPath(peerId, $"grants/{Uri.EscapeDataString(grantId)}/exercise"),
            Body(commandId, new() { ["credential"] = credential, ["use"] = Node(use), ["key_id"] = peerKeyId }), cancellationToken);

    /// <summary>The peer's state (status, contract agreement, findings, grants — digests, never secrets), or null.</summary>
    public Task<JsonElement?> GetPeerAsync(string peerId, CancellationToken cancellationToken = default) =>
        GetOrNullAsync($"v1/peers/{Uri.EscapeDataString(peerId)}", cancellationToken);

    private static string PeerPath(string peerId, string action) => $"v1/peers/{Uri.EscapeDataString(peerId)}/{action}";

    private static string Body(string? commandId, JsonObject body)
    {
        body["command_id"] = commandId ?? Guid.NewGuid().ToString("N");
        return body.ToJsonString();
    }

    private static JsonNode? Node<T>(T value) => JsonNode.Parse(ActorTrustJson.ToCanonicalBytes(value));
}
