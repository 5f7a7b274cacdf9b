using System.Text.Json.Serialization;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Peers;

namespace ActorTrust.Core.Federation.Governance;

/// <summary>A governance finding was raised against the peer.</summary>
/// <param name="Number">The finding's number in this peer's journal, from 1.</param>
/// <param name="Kind">What it is about.</param>
/// <param name="Severity">How serious (<see cref="FindingRules"/>).</param>
/// <param name="Norm">Soft or hard; hard findings count toward auto-suspension.</param>
/// <param name="Commitment">The commitment concerned.</param>
/// <param name="Message">What was observed.</param>
/// <param name="Actor">Who raised it (the system for the built-in rules).</param>
/// <param name="At">The decision time.</param>
[EventName("peer.finding-raised.v1")]
public sealed record FindingRaised(
    long Number, FindingKind Kind, FindingSeverity Severity, NormClass Norm, int Commitment, string Message, FederationActor Actor, DateTimeOffset At)
    : PeerEvent;

/// <summary>An open finding was cleared: its condition stopped, or an operator resolved it.</summary>
/// <param name="Number">The finding.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who.</param>
/// <param name="At">The decision time.</param>
[EventName("peer.finding-cleared.v1")]
public sealed record FindingCleared(long Number, string Reason, FederationActor Actor, DateTimeOffset At) : PeerEvent;

/// <summary>A finding as the peer state keeps it.</summary>
/// <param name="Raised">The raising event.</param>
/// <param name="ClearedAt">When it was cleared; null while open.</param>
/// <param name="ClearedReason">Why it was cleared.</param>
public sealed record PeerFinding(FindingRaised Raised, DateTimeOffset? ClearedAt = null, string? ClearedReason = null)
{
    /// <summary>True while not cleared.</summary>
    [JsonIgnore]
    public bool IsOpen => ClearedAt is null;
}
