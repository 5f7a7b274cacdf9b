namespace ActorTrust.Core.Federation.Peers;

/// <summary>Where a federation peer is in its life. Written in snake_case (<c>proposed</c>, <c>accepted</c>, …).</summary>
public enum PeerStatus
{
    /// <summary>Not proposed: the entity has no events.</summary>
    None = 0,

    /// <summary>Proposed by our operator; waiting for the peer to accept with its acceptance token.</summary>
    Proposed = 1,

    /// <summary>The peer accepted a contract version; it must enrol (disclose identity and capabilities).</summary>
    Accepted = 2,

    /// <summary>Enrolled after a compatible handshake; waiting for its first heartbeat.</summary>
    Enrolled = 3,

    /// <summary>Heartbeating; federating normally.</summary>
    Active = 4,

    /// <summary>No heartbeat for <see cref="PeerLiveness.StaleAfter"/>; the next heartbeat makes it active again.</summary>
    Degraded = 5,

    /// <summary>Suspended pending operator review (by an operator, by governance findings or by compromise disclosure).</summary>
    Suspended = 6,

    /// <summary>Revoked. Terminal: no transition leaves it.</summary>
    Revoked = 7,
}

/// <summary>
/// The explicit transition table of the peer lifecycle. Every status change a peer event makes is checked against
/// it, by the decider before deciding and by <see cref="PeerDecider.Evolve"/> when applying; nothing else moves a peer.
/// </summary>
public static class PeerTransitions
{
    /// <summary>For each status, the statuses it may move to.</summary>
    public static IReadOnlyDictionary<PeerStatus, IReadOnlyList<PeerStatus>> Table { get; } = new Dictionary<PeerStatus, IReadOnlyList<PeerStatus>>
    {
        [PeerStatus.None] = [PeerStatus.Proposed],
        [PeerStatus.Proposed] = [PeerStatus.Accepted, PeerStatus.Revoked],
        [PeerStatus.Accepted] = [PeerStatus.Enrolled, PeerStatus.Suspended, PeerStatus.Revoked],
        [PeerStatus.Enrolled] = [PeerStatus.Active, PeerStatus.Suspended, PeerStatus.Revoked],
        [PeerStatus.Active] = [PeerStatus.Degraded, PeerStatus.Suspended, PeerStatus.Revoked],
        [PeerStatus.Degraded] = [PeerStatus.Active, PeerStatus.Suspended, PeerStatus.Revoked],
        [PeerStatus.Suspended] = [PeerStatus.Accepted, PeerStatus.Revoked],
        [PeerStatus.Revoked] = [],
    };

    /// <summary>True when the table allows moving from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(PeerStatus from, PeerStatus to) => Table.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>True for the statuses a peer can be suspended from.</summary>
    public static bool CanSuspend(PeerStatus status) => IsAllowed(status, PeerStatus.Suspended);

    /// <summary>True while the peer federates (grants are honoured): enrolled, active or degraded.</summary>
    public static bool IsFederating(PeerStatus status) => status is PeerStatus.Enrolled or PeerStatus.Active or PeerStatus.Degraded;
}
