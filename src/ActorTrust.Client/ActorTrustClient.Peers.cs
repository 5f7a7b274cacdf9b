using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Json;

namespace ActorTrust.Client;

public sealed partial class ActorTrustClient
{
    /// <summary>
    /// Records a compromise disclosure: the peer is suspended at once. Sent by an operator (<paramref name="operatorKey"/>)
    /// or by the peer itself (<paramref name="peerKey"/>); give exactly one. Signed by that key for target <c>peer</c>,
    /// id <paramref name="peerId"/>, action <c>compromise</c>.
    /// </summary>
    public Task<CommandOutcome> DiscloseCompromiseAsync(string peerId, CompromiseDisclosure disclosure, IEnvelopeSigner? operatorKey, IEnvelopeSigner? peerKey,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendOperatorOrPeerAsync(PeerPath(peerId, "compromise"), new() { ["disclosure"] = JsonNode.Parse(ActorTrustJson.ToCanonicalBytes(disclosure)) },
            PeerTarget(peerId, "compromise"), operatorKey, peerKey, commandId, cancellationToken);

    /// <summary>
    /// Revokes the peering as the peer itself (terminal), signed by <paramref name="peerKey"/> for action <c>revoke</c>;
    /// an operator revokes with <see cref="PeerOperatorActionAsync"/>.
    /// </summary>
    public Task<CommandOutcome> RevokePeerAsPeerAsync(string peerId, string reason, IEnvelopeSigner peerKey, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendPeerAsync(peerId, "revoke", new() { ["reason"] = reason }, peerKey, commandId, cancellationToken);

    /// <summary>Peers known to the node, each with its status, agreed contract version and last heartbeat.</summary>
    public Task<JsonElement> ListPeersAsync(int limit = 100, CancellationToken cancellationToken = default) =>
        GetAsync<JsonElement>($"v1/peers?limit={limit}", cancellationToken);
}
