using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Contracts;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>
/// Decides <see cref="AcceptPeer"/>, in order: the peer must be proposed (a token presented later is a spent token);
/// the token must match its digest (constant-time) and not have expired; the contract version must be published, not
/// deprecated, and its digest must be the one the peer presented. Token and digest failures are recorded.
/// </summary>
internal static class Acceptance
{
    internal static Decision<PeerEvent> Decide(PeerState state, AcceptPeer c, DecisionContext context)
    {
        if (state.Status != PeerStatus.Proposed)
        {
            return state.TokenSpentAt is { } spent
                ? PeerRefusal.Recorded(c, AcceptanceTokenUsed, $"the acceptance token was spent at {spent:O}; tokens are single-use", context)
                : PeerRefusal.Plain(TransitionNotAllowed, $"peer '{context.EntityId}' is {state.Status}; only a proposed peer accepts");
        }

        if (PeerGuards.Shape(Validate(c)) is { } invalid)
        {
            return invalid;
        }

        if (!BearerSecret.Matches(BearerSecret.AcceptanceTokenPurpose, state.Token?.Digest, c.AcceptanceToken))
        {
            var reason = state.Token is null ? "the acceptance token was voided by a compromise disclosure" : "the acceptance token does not match";
            return PeerRefusal.Recorded(c, AcceptanceTokenInvalid, reason, context);
        }

        if (context.Now >= state.Token!.ExpiresAt)
        {
            return PeerRefusal.Recorded(c, AcceptanceTokenExpired, $"the acceptance token expired at {state.Token.ExpiresAt:O}", context);
        }

        var registry = c.Registry;
        return registry.Status switch
        {
            ContractStatus.Unpublished => PeerRefusal.Plain(ContractVersionUnknown, $"contract version {c.ContractVersion} is not published"),
            ContractStatus.Deprecated => PeerRefusal.Plain(ContractVersionDeprecated, $"contract version {c.ContractVersion} is deprecated; new federations cannot adopt it"),
            _ when registry.Digest is not { } digest || !digest.FixedTimeEquals(c.ContractDigest) =>
                PeerRefusal.Recorded(c, ContractDigestMismatch, $"contract version {c.ContractVersion} has digest {registry.Digest}, not {c.ContractDigest}", context),
            _ => Decision<PeerEvent>.Accept(new PeerAccepted(
                c.ContractVersion, c.ContractDigest, registry.EntityVersion, context.Now,
                $"acceptance token presented with contract version {c.ContractVersion}", c.Actor, context.Now)),
        };
    }

    private static string? Validate(AcceptPeer c) =>
        c.ContractVersion < 1 ? "contract_version must be a positive integer"
        : c.Registry is null ? "registry is missing"
        : c.Registry.Version != c.ContractVersion ? $"the registry facts are for contract version {c.Registry.Version}, not {c.ContractVersion}"
        : !Enum.IsDefined(c.Registry.Status) ? $"registry status {c.Registry.Status} is not defined"
        : null;
}
