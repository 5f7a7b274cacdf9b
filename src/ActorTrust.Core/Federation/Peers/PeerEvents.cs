using System.Text.Json.Serialization;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>An event in a <c>peer</c> entity's journal: the audit log of every cross-peer action (commitment 5).</summary>
public abstract record PeerEvent;

/// <summary>
/// A lifecycle transition: every status change is one of these events, carrying its reason and acting principal.
/// <see cref="PeerDecider.Evolve"/> refuses to apply one the <see cref="PeerTransitions"/> table does not allow.
/// </summary>
public interface IPeerTransition
{
    /// <summary>The status the peer moves to.</summary>
    PeerStatus To { get; }

    /// <summary>Why.</summary>
    string Reason { get; }

    /// <summary>Who acted.</summary>
    FederationActor Actor { get; }

    /// <summary>The decision time.</summary>
    DateTimeOffset At { get; }
}

/// <summary>The peering was proposed (none → proposed); the acceptance token is kept as its digest only.</summary>
/// <param name="PeerId">The peer id.</param>
/// <param name="Identity">The peer's operator, endpoint and key.</param>
/// <param name="AcceptanceTokenDigest">The token's digest (<see cref="BearerSecret.AcceptanceTokenPurpose"/>).</param>
/// <param name="TokenExpiresAt">When the token stops being accepted.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The operator.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.proposed.v1")]
public sealed record PeerProposed(
    string PeerId, PeerIdentity Identity, Digest AcceptanceTokenDigest, DateTimeOffset TokenExpiresAt, string Reason, FederationActor Actor, DateTimeOffset At)
    : PeerEvent, IPeerTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public PeerStatus To => PeerStatus.Proposed;
}

/// <summary>The peer accepted (proposed → accepted) under a contract version whose digest matched our registry; the token is spent.</summary>
/// <param name="ContractVersionAgreed">The contract version both sides reference.</param>
/// <param name="ContractDigest">That version's text digest.</param>
/// <param name="ContractEntityVersion">The <c>contract</c> entity's version the registry facts were read at.</param>
/// <param name="SignedAt">When the peer acknowledged the contract (the decision time).</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The peer.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.accepted.v1")]
public sealed record PeerAccepted(
    int ContractVersionAgreed, Digest ContractDigest, long ContractEntityVersion, DateTimeOffset SignedAt, string Reason, FederationActor Actor, DateTimeOffset At)
    : PeerEvent, IPeerTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public PeerStatus To => PeerStatus.Accepted;
}

/// <summary>A handshake as recorded: what the peer offered and the compatibility verdict it got.</summary>
/// <param name="Disclosure">The identity disclosure.</param>
/// <param name="Capabilities">The declared capabilities.</param>
/// <param name="Compatibility">The N-1 (or override) verdict.</param>
public sealed record HandshakeRecord(IdentityDisclosure Disclosure, CapabilityDeclaration Capabilities, CompatibilityVerdict Compatibility);

/// <summary>The peer enrolled (accepted → enrolled) with complete disclosure, declared capabilities and a compatible version.</summary>
/// <param name="Handshake">The handshake.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The peer.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.enrolled.v1")]
public sealed record PeerEnrolled(HandshakeRecord Handshake, string Reason, FederationActor Actor, DateTimeOffset At) : PeerEvent, IPeerTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public PeerStatus To => PeerStatus.Enrolled;
}

/// <summary>The peer became active (enrolled or degraded → active) on a heartbeat.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The peer.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.activated.v1")]
public sealed record PeerActivated(string Reason, FederationActor Actor, DateTimeOffset At) : PeerEvent, IPeerTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public PeerStatus To => PeerStatus.Active;
}

/// <summary>The peer became degraded (active → degraded): no heartbeat since <paramref name="LastHeartbeatAt"/>.</summary>
/// <param name="LastHeartbeatAt">The last heartbeat.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The liveness process.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.degraded.v1")]
public sealed record PeerDegraded(DateTimeOffset LastHeartbeatAt, string Reason, FederationActor Actor, DateTimeOffset At) : PeerEvent, IPeerTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public PeerStatus To => PeerStatus.Degraded;
}

/// <summary>Why a peer was suspended. Written in snake_case.</summary>
public enum SuspensionCause
{
    /// <summary>An operator suspended it.</summary>
    Operator = 1,

    /// <summary>Hard-norm findings reached the configured threshold within the window.</summary>
    Governance = 2,

    /// <summary>The peer disclosed a compromise (commitment 9).</summary>
    CompromiseDisclosed = 3,
}

/// <summary>The peer was suspended pending operator review (accepted, enrolled, active or degraded → suspended).</summary>
/// <param name="Cause">Operator, governance or compromise disclosure.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who (the governance rules act as the system).</param>
/// <param name="At">The decision time.</param>
/// <param name="FindingNumbers">For a governance suspension, the hard-norm findings that reached the threshold.</param>
[EventName("peer.suspended.v1")]
public sealed record PeerSuspended(SuspensionCause Cause, string Reason, FederationActor Actor, DateTimeOffset At, IReadOnlyList<long>? FindingNumbers = null)
    : PeerEvent, IPeerTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public PeerStatus To => PeerStatus.Suspended;
}

/// <summary>A suspended peer was reinstated (suspended → accepted); it must enrol again.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The operator.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.reinstated.v1")]
public sealed record PeerReinstated(string Reason, FederationActor Actor, DateTimeOffset At) : PeerEvent, IPeerTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public PeerStatus To => PeerStatus.Accepted;
}

/// <summary>The notification a revocation emits on the global feed (commitment 4).</summary>
/// <param name="Type">Always <see cref="PeerRevokedNotification.TypeName"/>.</param>
/// <param name="FederationPeerId">The revoked peer.</param>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
public sealed record PeerRevokedNotification(string Type, string FederationPeerId, string Reason, DateTimeOffset At)
{
    /// <summary>The notification type on the feed.</summary>
    public const string TypeName = "platform.peer.revoked";
}

/// <summary>
/// The peering was revoked (any status but revoked → revoked; terminal). In the same event every grant is revoked and
/// in-flight migrations get a grace period, after which they are cancelled; data already migrated stays.
/// </summary>
/// <param name="RevokedGrantIds">The grants this revocation revoked.</param>
/// <param name="InFlightMigrationIds">The migrations still in flight.</param>
/// <param name="MigrationGraceUntil">Until when in-flight migrations may finish.</param>
/// <param name="Notification">The <c>platform.peer.revoked</c> notification.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The operator or the peer.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.revoked.v1")]
public sealed record PeerRevoked(
    IReadOnlyList<string> RevokedGrantIds, IReadOnlyList<string> InFlightMigrationIds, DateTimeOffset MigrationGraceUntil,
    PeerRevokedNotification Notification, string Reason, FederationActor Actor, DateTimeOffset At)
    : PeerEvent, IPeerTransition
{
    /// <inheritdoc />
    [JsonIgnore]
    public PeerStatus To => PeerStatus.Revoked;
}
