using System.Text.Json;
using ActorTrust.Core.Entities;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>Builds refusals: plain ones, and recorded ones that append <c>peer.command-refused.v1</c> and any consequences.</summary>
internal static class PeerRefusal
{
    internal static Decision<PeerEvent> Plain(string code, string reason) => Decision<PeerEvent>.Reject(code, reason);

    internal static Decision<PeerEvent> Recorded(PeerCommand command, string code, string reason, DecisionContext context, params IEnumerable<PeerEvent> consequences) =>
        Decision<PeerEvent>.RejectAndRecord(code, reason, [new PeerCommandRefused(NameOf(command), code, reason, command.Actor, context.Now), .. consequences]);

    /// <summary>The command's name as recorded: its type name in snake_case (<c>accept_peer</c>).</summary>
    internal static string NameOf(PeerCommand command) => JsonNamingPolicy.SnakeCaseLower.ConvertName(command.GetType().Name);
}
