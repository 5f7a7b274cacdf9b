using ActorTrust.Core.Federation.Contracts;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>
/// A command for a <c>peer</c> entity (id = the peer id). Every command names its acting principal; the node fills
/// the rest from the request body, its configuration (<see cref="FederationPolicy"/>), its clock (the decision time),
/// its random source (tokens and credentials) and other entities' state (<see cref="ContractSnapshot"/>).
/// </summary>
public abstract record PeerCommand
{
    /// <summary>Who acts.</summary>
    public abstract FederationActor Actor { get; init; }
}

/// <summary>
/// Proposes a peering (operator). The node draws <paramref name="AcceptanceToken"/> from its random source and shows it
/// once; the peer stores only its digest, valid for <see cref="PeerLifecycle.AcceptanceTokenLifetime"/>.
/// </summary>
/// <param name="OperatorId">The peer operator's identifier.</param>
/// <param name="Endpoint">The peer's federation endpoint (absolute http or https URI).</param>
/// <param name="PublicKey">The peer's Ed25519 public key, 64 lowercase hex characters.</param>
/// <param name="AcceptanceToken">The one-time acceptance token (plaintext; never recorded).</param>
/// <param name="Reason">Why, recorded with the transition.</param>
/// <param name="Actor">The operator.</param>
public sealed record ProposePeer(string OperatorId, string Endpoint, string PublicKey, string AcceptanceToken, string Reason, FederationActor Actor)
    : PeerCommand;

/// <summary>
/// The peer accepts the peering (peer). It presents its acceptance token and the contract version it agrees to
/// <em>with that version's digest</em>; the node adds <paramref name="Registry"/>, the <c>contract</c> entity of that
/// version as read just before. Token, version and digest must all match, and the version must not be deprecated.
/// </summary>
/// <param name="AcceptanceToken">The token shown at proposal.</param>
/// <param name="ContractVersion">The contract version the peer agrees to.</param>
/// <param name="ContractDigest">The digest of that version's text, as the peer computed it.</param>
/// <param name="Registry">Our registry's facts for <paramref name="ContractVersion"/>.</param>
/// <param name="Actor">The peer.</param>
public sealed record AcceptPeer(string AcceptanceToken, int ContractVersion, Digest ContractDigest, ContractSnapshot Registry, FederationActor Actor)
    : PeerCommand;

/// <summary>What a peer offers at a handshake: its identity disclosure and its capability declaration.</summary>
/// <param name="Disclosure">Identity disclosure (operator contact, jurisdiction, platform version, last known-good tag; residency).</param>
/// <param name="Capabilities">The resource kinds, schema versions and filter predicates it serves.</param>
public sealed record HandshakeOffer(IdentityDisclosure Disclosure, CapabilityDeclaration Capabilities);

/// <summary>
/// The peer's first handshake after acceptance (peer): complete identity disclosure and declared capabilities are
/// required, and its platform version must be compatible with ours (N-1 or an operator override).
/// </summary>
/// <param name="Offer">The peer's disclosure and capabilities.</param>
/// <param name="Policy">Our platform version, overrides and handshake rate limit.</param>
/// <param name="Actor">The peer.</param>
public sealed record EnrollPeer(HandshakeOffer Offer, FederationPolicy Policy, FederationActor Actor) : PeerCommand;

/// <summary>
/// A later handshake of an enrolled, active or degraded peer (peer), renewing its disclosure and declaration under the
/// same checks as enrolment. More than <see cref="FederationPolicy.HandshakesPerWindow"/> in a window is refused and
/// raises a <c>handshake_flooding</c> finding (commitment 6).
/// </summary>
/// <param name="Offer">The peer's disclosure and capabilities.</param>
/// <param name="Policy">Our platform version, overrides, handshake rate limit and auto-suspension rule.</param>
/// <param name="Actor">The peer.</param>
public sealed record Rehandshake(HandshakeOffer Offer, FederationPolicy Policy, FederationActor Actor) : PeerCommand;

/// <summary>What a heartbeat reports: current disclosure, the contract version the peer advertises, and optionally what it serves.</summary>
/// <param name="Disclosure">The current identity disclosure.</param>
/// <param name="AdvertisedContractVersion">The contract version the peer says it honours (commitment 12).</param>
/// <param name="Capabilities">What it actually serves, when it says.</param>
public sealed record HeartbeatReport(IdentityDisclosure Disclosure, int AdvertisedContractVersion, CapabilityDeclaration? Capabilities = null);

/// <summary>
/// A heartbeat (peer): updates disclosure metadata, makes an enrolled or degraded peer active, and checks the report
/// against what was agreed and declared — raising or clearing contract-mismatch, drift and residency findings.
/// </summary>
/// <param name="Report">The heartbeat's content.</param>
/// <param name="Policy">The auto-suspension rule.</param>
/// <param name="Actor">The peer.</param>
public sealed record RecordHeartbeat(HeartbeatReport Report, FederationPolicy Policy, FederationActor Actor) : PeerCommand;

/// <summary>
/// Sent by the node's liveness timer (system): an active peer with no heartbeat for <see cref="PeerLiveness.StaleAfter"/>
/// (by the decision time) becomes degraded; an enrolled peer that never heartbeat gets a stale finding. Otherwise nothing.
/// </summary>
/// <param name="Actor">The liveness process.</param>
public sealed record CheckLiveness(FederationActor Actor) : PeerCommand;

/// <summary>Suspends the peer pending review (operator).</summary>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The operator.</param>
public sealed record SuspendPeer(string Reason, FederationActor Actor) : PeerCommand;

/// <summary>Reinstates a suspended peer (operator): it returns to accepted and must enrol (handshake) again.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The operator.</param>
public sealed record ReinstatePeer(string Reason, FederationActor Actor) : PeerCommand;

/// <summary>
/// Revokes the peering (operator, or the peer leaving): terminal. Every grant is revoked, the
/// <c>platform.peer.revoked</c> notification is emitted, and in-flight migrations get <see cref="PeerLifecycle.MigrationGrace"/>.
/// </summary>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The operator or the peer.</param>
public sealed record RevokePeer(string Reason, FederationActor Actor) : PeerCommand;

/// <summary>What kind of compromise a peer disclosed. Written in snake_case.</summary>
public enum CompromiseNature
{
    /// <summary>Certificate or key theft.</summary>
    CertificateTheft = 1,

    /// <summary>Intrusion.</summary>
    Intrusion = 2,

    /// <summary>Data exfiltration.</summary>
    DataExfiltration = 3,

    /// <summary>Anything else.</summary>
    Other = 4,
}

/// <summary>A compromise disclosure (commitment 9).</summary>
/// <param name="Nature">What happened.</param>
/// <param name="Description">Details for the reviewing operator.</param>
/// <param name="DetectedAt">When the peer detected it, if it says (disclosure is due within 24 hours).</param>
public sealed record CompromiseDisclosure(CompromiseNature Nature, string Description, DateTimeOffset? DetectedAt = null);

/// <summary>
/// A compromise disclosure (the peer, or an operator recording an out-of-band notice): the peer is suspended at once
/// pending review; a proposed peer's acceptance token is voided instead (it may be stolen).
/// </summary>
/// <param name="Disclosure">The disclosure.</param>
/// <param name="Actor">The peer or an operator.</param>
public sealed record DiscloseCompromise(CompromiseDisclosure Disclosure, FederationActor Actor) : PeerCommand;
