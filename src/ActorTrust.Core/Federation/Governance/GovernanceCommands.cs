using ActorTrust.Core.Federation.Peers;

namespace ActorTrust.Core.Federation.Governance;

/// <summary>
/// Raises a finding observed outside the peer entity (system: the node's sync engine or scanner; or an operator),
/// under the same auto-suspension rule as the built-in ones.
/// </summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Message">What was observed.</param>
/// <param name="Policy">The auto-suspension rule.</param>
/// <param name="Actor">The system process or operator.</param>
public sealed record RaiseFinding(FindingKind Kind, string Message, FederationPolicy Policy, FederationActor Actor) : PeerCommand;

/// <summary>Clears an open finding after review (operator). Clearing does not undo its count toward auto-suspension.</summary>
/// <param name="Number">The finding.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The operator.</param>
public sealed record ResolveFinding(long Number, string Reason, FederationActor Actor) : PeerCommand;
