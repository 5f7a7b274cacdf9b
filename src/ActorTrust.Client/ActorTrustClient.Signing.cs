using System.Text.Json.Nodes;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Requests;

namespace ActorTrust.Client;

// Signed requests: where a command names a key (a federation operator's operator_key_id, a peer's key_id, a lineage
// executor), the body carries an `authorization` member signed by that key over the target, command id and body
// (see RequestAuthorizations). Retries resend the same signed body, so they stay the same command.
public sealed partial class ActorTrustClient
{
    /// <summary>Signs <paramref name="body"/> for <paramref name="target"/> with <paramref name="signer"/> and posts it to <paramref name="path"/>.</summary>
    private Task<CommandOutcome> SendSignedAsync(string path, JsonObject body, RequestTarget target, IEnvelopeSigner signer, string? commandId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        body["command_id"] = commandId ?? Guid.NewGuid().ToString("N");
        RequestAuthorizations.Sign(body, target, signer, _options.TimeProvider.GetUtcNow());
        return SendBodyAsync(path, body.ToJsonString(), cancellationToken);
    }
}
