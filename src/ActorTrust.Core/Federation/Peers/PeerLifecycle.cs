namespace ActorTrust.Core.Federation.Peers;

/// <summary>The fixed periods of the peer lifecycle.</summary>
public static class PeerLifecycle
{
    /// <summary>How long an acceptance token is accepted after the proposal (7 days).</summary>
    public static readonly TimeSpan AcceptanceTokenLifetime = TimeSpan.FromDays(7);

    /// <summary>How long in-flight migrations may go on after a revocation (5 minutes, commitment 4).</summary>
    public static readonly TimeSpan MigrationGrace = TimeSpan.FromMinutes(5);

    /// <summary>How long a compromise may go undisclosed after detection (24 hours, commitment 9).</summary>
    public static readonly TimeSpan CompromiseDisclosureDeadline = TimeSpan.FromHours(24);

    /// <summary>The longest peer id.</summary>
    public const int MaxPeerIdLength = 128;
}

/// <summary>Heartbeat liveness: when a peer counts as stale.</summary>
public static class PeerLiveness
{
    /// <summary>An active peer with no heartbeat for this long (5 minutes) is degraded.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    /// <summary>
    /// What staleness is measured from: for an enrolled peer its enrolment (it has not heartbeat since), otherwise its
    /// last heartbeat. Re-handshakes do not count as heartbeats.
    /// </summary>
    public static DateTimeOffset? LastSignOfLife(PeerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status == PeerStatus.Enrolled ? state.HandshakeAt : state.LastHeartbeatAt;
    }

    /// <summary>True when, at <paramref name="now"/>, the peer's <see cref="LastSignOfLife"/> is <see cref="StaleAfter"/> old or older.</summary>
    public static bool IsStale(PeerState state, DateTimeOffset now) => LastSignOfLife(state) is { } since && now - since >= StaleAfter;
}
