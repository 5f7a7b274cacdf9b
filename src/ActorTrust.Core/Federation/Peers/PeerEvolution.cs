using ActorTrust.Core.Federation.Governance;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>
/// <see cref="PeerDecider.Evolve"/>'s body: checks every status change against the peer and migration transition
/// tables (an event that breaks them is a bug or a forged journal, and throws), then folds the event in.
/// </summary>
internal static class PeerEvolution
{
    internal static PeerState Apply(PeerState state, PeerEvent @event)
    {
        if (@event is IPeerTransition transition)
        {
            if (!PeerTransitions.IsAllowed(state.Status, transition.To))
            {
                throw new InvalidOperationException($"{@event.GetType().Name} moves a peer from {state.Status} to {transition.To}, which the transition table forbids");
            }

            state = state with
            {
                Status = transition.To,
                LastChange = new StatusChange(state.Status, transition.To, transition.Reason, transition.Actor, transition.At),
            };
        }

        return @event switch
        {
            PeerProposed p => state with { PeerId = p.PeerId, Identity = p.Identity, Token = new(p.AcceptanceTokenDigest, p.TokenExpiresAt) },
            PeerAccepted a => state with { Token = null, TokenSpentAt = a.At, Contract = new(a.ContractVersionAgreed, a.ContractDigest, a.SignedAt) },
            PeerEnrolled e => Handshook(state, e.Handshake, e.At),
            PeerHandshakeRenewed r => Handshook(state, r.Handshake, r.At),
            PeerActivated or PeerDegraded or PeerSuspended or PeerCommandRefused or GrantExercised => state,
            PeerReinstated r => state with { ReinstatedAt = r.At },
            PeerRevoked r => state with { Revocation = r, Grants = [.. state.Grants.Select(g => g.RevokedAt is null ? g with { RevokedAt = r.At, RevocationReason = r.Reason } : g)] },
            PeerHeartbeatRecorded h => state with { Disclosure = h.Report.Disclosure, LastHeartbeatAt = h.At },
            PeerCompromiseDisclosed c => state with { Compromise = c, Token = c.AcceptanceTokenVoided ? null : state.Token },
            FindingRaised f => Raised(state, f),
            FindingCleared c => state with { Findings = Replace(state.Findings, f => f.Raised.Number == c.Number && f.IsOpen, f => f with { ClearedAt = c.At, ClearedReason = c.Reason }, $"open finding {c.Number}") },
            GrantIssued g => state.Grant(g.GrantId) is null ? state with { Grants = [.. state.Grants, new PeerGrant(g)] } : throw Invalid($"grant {g.GrantId} is issued twice"),
            GrantRevoked r => state with { Grants = Replace(state.Grants, g => g.Issued.GrantId == r.GrantId && g.RevokedAt is null, g => g with { RevokedAt = r.At, RevocationReason = r.Reason }, $"unrevoked grant {r.GrantId}") },
            IMigrationTransition m => MigrationEvolution.Apply(state, m),
            _ => throw Invalid($"unknown peer event {@event.GetType().Name}"),
        };
    }

    internal static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> items, Func<T, bool> match, Func<T, T> change, string what)
    {
        var index = items.Select((item, i) => (item, i)).FirstOrDefault(p => match(p.item), (default!, -1)).Item2;
        return index < 0 ? throw Invalid($"no {what}") : [.. items.Take(index), change(items[index]), .. items.Skip(index + 1)];
    }

    internal static InvalidOperationException Invalid(string message) => new(message);

    private static PeerState Handshook(PeerState state, HandshakeRecord handshake, DateTimeOffset at) => state with
    {
        Handshake = handshake,
        HandshakeAt = at,
        Disclosure = handshake.Disclosure,
        Handshakes = [.. state.Handshakes.Append(at).TakeLast(FederationPolicy.MaxHandshakesPerWindow)],
    };

    private static PeerState Raised(PeerState state, FindingRaised f) =>
        f.Number == state.Findings.Count + 1
            ? state with { Findings = [.. state.Findings, new PeerFinding(f)] }
            : throw Invalid($"finding {f.Number} is out of sequence (expected {state.Findings.Count + 1})");
}
