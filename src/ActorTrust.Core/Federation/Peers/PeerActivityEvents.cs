using ActorTrust.Core.Entities;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>An enrolled peer handshook again; its disclosure and declared capabilities are renewed.</summary>
/// <param name="Handshake">The handshake.</param>
/// <param name="Actor">The peer.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.handshake-renewed.v1")]
public sealed record PeerHandshakeRenewed(HandshakeRecord Handshake, FederationActor Actor, DateTimeOffset At) : PeerEvent;

/// <summary>A heartbeat was received; its disclosure becomes the peer's current disclosure metadata.</summary>
/// <param name="Report">The heartbeat's content.</param>
/// <param name="Actor">The peer.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.heartbeat-recorded.v1")]
public sealed record PeerHeartbeatRecorded(HeartbeatReport Report, FederationActor Actor, DateTimeOffset At) : PeerEvent;

/// <summary>A compromise was disclosed (commitment 9). A suspension follows in the same batch when the status allows one.</summary>
/// <param name="Disclosure">The disclosure.</param>
/// <param name="DisclosedWithinDeadline">False when the peer detected it more than 24 hours before disclosing.</param>
/// <param name="AcceptanceTokenVoided">True when the peer was still proposed and its acceptance token was voided.</param>
/// <param name="Actor">The peer or an operator.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.compromise-disclosed.v1")]
public sealed record PeerCompromiseDisclosed(
    CompromiseDisclosure Disclosure, bool DisclosedWithinDeadline, bool AcceptanceTokenVoided, FederationActor Actor, DateTimeOffset At) : PeerEvent;

/// <summary>
/// A security-relevant command was refused and the attempt recorded (a wrong or spent acceptance token, a contract
/// digest mismatch, a request not authenticated by the peer's key, an incompatible or rate-limited handshake, a bad
/// grant credential, a migration breaking hygiene). Consequences (findings, suspension) follow in the same batch.
/// </summary>
/// <param name="Command">The refused command, in snake_case (<c>accept_peer</c>).</param>
/// <param name="Code">The refusal code (<see cref="PeerRejectionCodes"/>).</param>
/// <param name="Reason">Why, for people.</param>
/// <param name="Actor">Who attempted it.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.command-refused.v1")]
public sealed record PeerCommandRefused(string Command, string Code, string Reason, FederationActor Actor, DateTimeOffset At) : PeerEvent;
