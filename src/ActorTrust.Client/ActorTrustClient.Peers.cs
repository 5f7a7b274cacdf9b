using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Json;

namespace ActorTrust.Client;

public sealed partial class ActorTrustClient
{
    /// <summary>
    /// Records a compromise disclosure: the peer is suspended at once. Sent by an operator (<paramref name="operatorKeyId"/>)
    /// or by the peer itself (<paramref name="peerKeyId"/>); give exactly one.
    /// </summary>
    public Task<CommandOutcome> DiscloseCompromiseAsync(string peerId, CompromiseDisclosure disclosure, string? operatorKeyId, string? peerKeyId,
        string? commandId = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["command_id"] = commandId ?? Guid.NewGuid().ToString("N"),
            ["disclosure"] = JsonNode.Parse(ActorTrustJson.ToCanonicalBytes(disclosure)),
        };
        AddIfPresent(body, "operator_key_id", operatorKeyId);
        AddIfPresent(body, "key_id", peerKeyId);
        return SendBodyAsync($"v1/peers/{Uri.EscapeDataString(peerId)}/compromise", body.ToJsonString(), cancellationToken);
    }

    /// <summary>Peers known to the node, each with its status, agreed contract version and last heartbeat.</summary>
    public Task<JsonElement> ListPeersAsync(int limit = 100, CancellationToken cancellationToken = default) =>
        GetAsync<JsonElement>($"v1/peers?limit={limit}", cancellationToken);
}
