using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Json;
using ActorTrust.Core.Requests;

namespace ActorTrust.Client;

// Federation requests are signed by the key they name (see ActorTrustClient.Signing): an operator's by an operator key
// holding federator in the node's home domain (the body names it as operator_key_id), a peer's by the key the peer was
// proposed with (key_id). The request authorization's target is entity kind `contract` (id: the version as decimal
// text) or `peer` (id: the peer id), and the action is the route segment(s) after the id.
public sealed partial class ActorTrustClient
{
    /// <summary>
    /// Publishes contract <paramref name="version"/> with <paramref name="text"/>, signed by <paramref name="operatorKey"/>
    /// (which must hold <c>federator</c> in the node's home domain). The accepted state carries the text's <c>digest</c>.
    /// Signed for target <c>contract</c>, id <paramref name="version"/> as decimal text, action <c>publish</c>.
    /// </summary>
    public Task<CommandOutcome> PublishContractAsync(int version, string text, IEnvelopeSigner operatorKey, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendOperatorAsync("v1/contracts", new() { ["version"] = version, ["text"] = text }, ContractTarget(version, "publish"), operatorKey, commandId, cancellationToken);

    /// <summary>
    /// Deprecates contract <paramref name="version"/>: no new federation may agree to it. Signed by
    /// <paramref name="operatorKey"/> for target <c>contract</c>, id <paramref name="version"/>, action <c>deprecate</c>.
    /// </summary>
    public Task<CommandOutcome> DeprecateContractAsync(int version, string reason, IEnvelopeSigner operatorKey, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendOperatorAsync($"v1/contracts/{version}/deprecate", new() { ["reason"] = reason }, ContractTarget(version, "deprecate"), operatorKey, commandId, cancellationToken);

    /// <summary>Contract <paramref name="version"/> (status, digest, text), or null when unpublished.</summary>
    public Task<JsonElement?> GetContractAsync(int version, CancellationToken cancellationToken = default) =>
        GetOrNullAsync($"v1/contracts/{version}", cancellationToken);

    /// <summary>The latest published, non-deprecated contract, or null when there is none.</summary>
    public Task<JsonElement?> GetLatestContractAsync(CancellationToken cancellationToken = default) =>
        GetOrNullAsync("v1/contracts/latest", cancellationToken);

    /// <summary>
    /// Proposes a peering, signed by <paramref name="operatorKey"/> for target <c>peer</c>, id <paramref name="peerId"/>,
    /// action <c>propose</c>. The accepted state carries <c>acceptance_token</c>: shown once, never again.
    /// </summary>
    public Task<CommandOutcome> ProposePeerAsync(string peerId, string operatorId, string endpoint, string publicKey, string reason, IEnvelopeSigner operatorKey,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendOperatorAsync("v1/peers", new()
        {
            ["peer_id"] = peerId, ["operator_id"] = operatorId, ["endpoint"] = endpoint, ["public_key"] = publicKey, ["reason"] = reason,
        }, PeerTarget(peerId, "propose"), operatorKey, commandId, cancellationToken);

    /// <summary>
    /// The peer accepts with its token and the contract version it agrees to, with that version's digest; signed by
    /// <paramref name="peerKey"/> (the key it was proposed with) for target <c>peer</c>, id <paramref name="peerId"/>, action <c>accept</c>.
    /// </summary>
    public Task<CommandOutcome> AcceptPeerAsync(string peerId, string acceptanceToken, int contractVersion, string contractDigest, IEnvelopeSigner peerKey,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendPeerAsync(peerId, "accept", new()
        {
            ["acceptance_token"] = acceptanceToken, ["contract_version"] = contractVersion, ["contract_digest"] = contractDigest,
        }, peerKey, commandId, cancellationToken);

    /// <summary>The peer's first handshake: complete identity disclosure and declared capabilities (action <c>enroll</c>, signed by <paramref name="peerKey"/>).</summary>
    public Task<CommandOutcome> EnrollPeerAsync(string peerId, IdentityDisclosure disclosure, CapabilityDeclaration capabilities, IEnvelopeSigner peerKey,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendPeerAsync(peerId, "enroll", new() { ["disclosure"] = Node(disclosure), ["capabilities"] = Node(capabilities) }, peerKey, commandId, cancellationToken);

    /// <summary>A later handshake of an enrolled peer, rate limited (action <c>rehandshake</c>, signed by <paramref name="peerKey"/>).</summary>
    public Task<CommandOutcome> RehandshakePeerAsync(string peerId, IdentityDisclosure disclosure, CapabilityDeclaration capabilities, IEnvelopeSigner peerKey,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendPeerAsync(peerId, "rehandshake", new() { ["disclosure"] = Node(disclosure), ["capabilities"] = Node(capabilities) }, peerKey, commandId, cancellationToken);

    /// <summary>A heartbeat from the peer, advertising the contract version it honours (action <c>heartbeat</c>, signed by <paramref name="peerKey"/>).</summary>
    public Task<CommandOutcome> HeartbeatAsync(string peerId, IdentityDisclosure disclosure, int advertisedContractVersion, IEnvelopeSigner peerKey,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendPeerAsync(peerId, "heartbeat", new() { ["disclosure"] = Node(disclosure), ["advertised_contract_version"] = advertisedContractVersion },
            peerKey, commandId, cancellationToken);

    /// <summary>Asks the node to check the peer's liveness now (what its liveness timer does).</summary>
    public Task<CommandOutcome> CheckPeerLivenessAsync(string peerId, CancellationToken cancellationToken = default) =>
        SendBodyAsync(PeerPath(peerId, "liveness"), "{}", cancellationToken);

    /// <summary>
    /// An operator action with a reason: <c>suspend</c> or <c>reinstate</c>; or <c>revoke</c> (terminal). Signed by
    /// <paramref name="operatorKey"/> for target <c>peer</c>, id <paramref name="peerId"/>, action <paramref name="action"/>.
    /// </summary>
    public Task<CommandOutcome> PeerOperatorActionAsync(string peerId, string action, string reason, IEnvelopeSigner operatorKey,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendOperatorAsync(PeerPath(peerId, action), new() { ["reason"] = reason }, PeerTarget(peerId, action), operatorKey, commandId, cancellationToken);

    /// <summary>
    /// Issues a grant, signed by <paramref name="operatorKey"/> (action <c>grants</c>). The accepted state carries
    /// <c>grant_id</c> and the bearer <c>credential</c>: shown once.
    /// </summary>
    public Task<CommandOutcome> IssueGrantAsync(string peerId, GrantRequest grant, IEnvelopeSigner operatorKey, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendOperatorAsync(PeerPath(peerId, "grants"), new() { ["grant"] = Node(grant) }, PeerTarget(peerId, "grants"), operatorKey, commandId, cancellationToken);

    /// <summary>Revokes grant <paramref name="grantId"/> before its expiry, signed by <paramref name="operatorKey"/> (action <c>grants/{grantId}/revoke</c>).</summary>
    public Task<CommandOutcome> RevokeGrantAsync(string peerId, string grantId, string reason, IEnvelopeSigner operatorKey, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendOperatorAsync(PeerPath(peerId, $"grants/{Uri.EscapeDataString(grantId)}/revoke"), new() { ["reason"] = reason },
            PeerTarget(peerId, $"grants/{grantId}/revoke"), operatorKey, commandId, cancellationToken);

    /// <summary>
    /// The peer uses grant <paramref name="grantId"/> with its bearer credential, signed by <paramref name="peerKey"/>
    /// (action <c>grants/{grantId}/exercise</c>); refused uses are recorded too.
    /// </summary>
    public Task<CommandOutcome> ExerciseGrantAsync(string peerId, string grantId, string credential, GrantUse use, IEnvelopeSigner peerKey,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendSignedAsync(PeerPath(peerId, $"grants/{Uri.EscapeDataString(grantId)}/exercise"),
            new() { ["credential"] = credential, ["use"] = Node(use), ["key_id"] = SignerKeyId(peerKey) },
            PeerTarget(peerId, $"grants/{grantId}/exercise"), peerKey, commandId, cancellationToken);

    /// <summary>The peer's state (status, contract agreement, findings, grants — digests, never secrets), or null.</summary>
    public Task<JsonElement?> GetPeerAsync(string peerId, CancellationToken cancellationToken = default) =>
        GetOrNullAsync($"v1/peers/{Uri.EscapeDataString(peerId)}", cancellationToken);

    private static string PeerPath(string peerId, string action) => $"v1/peers/{Uri.EscapeDataString(peerId)}/{action}";

    private static RequestTarget ContractTarget(int version, string action) => new("contract", version.ToString(CultureInfo.InvariantCulture), action);

    private static RequestTarget PeerTarget(string peerId, string action) => new("peer", peerId, action);

    // An operator's request: names the key as operator_key_id and is signed by it.
    private Task<CommandOutcome> SendOperatorAsync(string path, JsonObject body, RequestTarget target, IEnvelopeSigner operatorKey, string? commandId,
        CancellationToken cancellationToken)
    {
        body["operator_key_id"] = SignerKeyId(operatorKey);
        return SendSignedAsync(path, body, target, operatorKey, commandId, cancellationToken);
    }

    // The peer's request for `action` on itself: names its key as key_id and is signed by it.
    private Task<CommandOutcome> SendPeerAsync(string peerId, string action, JsonObject body, IEnvelopeSigner peerKey, string? commandId, CancellationToken cancellationToken)
    {
        body["key_id"] = SignerKeyId(peerKey);
        return SendSignedAsync(PeerPath(peerId, action), body, PeerTarget(peerId, action), peerKey, commandId, cancellationToken);
    }

    // A request sent by an operator or by the peer, exactly one: names the signer's key under the member for its role.
    private Task<CommandOutcome> SendOperatorOrPeerAsync(string path, JsonObject body, RequestTarget target, IEnvelopeSigner? operatorKey, IEnvelopeSigner? peerKey,
        string? commandId, CancellationToken cancellationToken)
    {
        var (signer, member) = (operatorKey, peerKey) switch
        {
            ({ } op, null) => (op, "operator_key_id"),
            (null, { } peer) => (peer, "key_id"),
            _ => throw new ArgumentException("give exactly one of an operator key or the peer's key"),
        };
        body[member] = SignerKeyId(signer);
        return SendSignedAsync(path, body, target, signer, commandId, cancellationToken);
    }

    private static string SignerKeyId(IEnvelopeSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return signer.KeyId;
    }

    private static JsonNode? Node<T>(T value) => JsonNode.Parse(ActorTrustJson.ToCanonicalBytes(value));
}
