using ActorTrust.Core.Entities;
using ActorTrust.Core.Keys;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>Decides <see cref="ProposePeer"/>: a new peer with a well-formed identity and a fit key; the token is kept as its digest.</summary>
internal static class Proposal
{
    internal static Decision<PeerEvent> Decide(PeerState state, ProposePeer c, DecisionContext context)
    {
        if (state.Status != PeerStatus.None)
        {
            return PeerRefusal.Plain(PeerAlreadyProposed, $"peer '{context.EntityId}' was already proposed; it is {state.Status}");
        }

        if (PeerGuards.Shape(Validate(c)) is { } invalid)
        {
            return invalid;
        }

        if (!PublicKeyHex.TryParseForRegistration(c.PublicKey, "public_key", out var key, out var keyError))
        {
            return PeerRefusal.Plain(PeerKeyInvalid, keyError);
        }

        var identity = new PeerIdentity(c.OperatorId, c.Endpoint, c.PublicKey, key.KeyId);
        return Decision<PeerEvent>.Accept(new PeerProposed(
            context.EntityId, identity, BearerSecret.DigestOf(BearerSecret.AcceptanceTokenPurpose, c.AcceptanceToken),
            context.Now + PeerLifecycle.AcceptanceTokenLifetime, c.Reason, c.Actor, context.Now));
    }

    /// <summary>Null when <paramref name="endpoint"/> is an absolute http(s) URI without user info or fragment.</summary>
    internal static string? CheckEndpoint(string? endpoint) =>
        FederationText.Check(endpoint, "endpoint", 2048) is { } text ? text
        : !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ? $"endpoint '{endpoint}' is not an absolute http or https URI"
        : uri.UserInfo.Length > 0 || uri.Fragment.Length > 0 ? $"endpoint '{endpoint}' must not carry user info or a fragment"
        : null;

    private static string? Validate(ProposePeer c) =>
        FederationText.Check(c.OperatorId, "operator_id", 256)
        ?? CheckEndpoint(c.Endpoint)
        ?? BearerSecret.Validate(c.AcceptanceToken, "acceptance_token")
        ?? FederationText.Reason(c.Reason);
}
