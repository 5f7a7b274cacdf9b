using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation.Contracts;

/// <summary>A command for a <c>contract</c> entity (id = the contract version, a positive integer).</summary>
public abstract record ContractCommand;

/// <summary>
/// Publishes the contract text of this version. Its digest is computed (<see cref="ContractDigest.Of"/>) and, when
/// the publisher states the digest it expects, checked against it. A published text never changes: publishing the
/// same text again is accepted with no events, another text is refused.
/// </summary>
/// <param name="Text">The contract text, exactly as peers will read it.</param>
/// <param name="Actor">The operator publishing it (must hold <c>federator</c>).</param>
/// <param name="ExpectedDigest">The digest the publisher computed, if any; a mismatch refuses the command.</param>
/// <param name="EffectiveAt">When the contract takes effect; the decision time when absent.</param>
public sealed record PublishContract(string Text, FederationActor Actor, Digest? ExpectedDigest = null, DateTimeOffset? EffectiveAt = null) : ContractCommand;

/// <summary>
/// Deprecates this version: it becomes read-only for new federations (no peer can agree to it any more), while
/// peerings that already agreed to it keep it. Deprecating a deprecated version is accepted with no events.
/// </summary>
/// <param name="Reason">Why, recorded with the event.</param>
/// <param name="Actor">The operator deprecating it (must hold <c>federator</c>).</param>
public sealed record DeprecateContract(string Reason, FederationActor Actor) : ContractCommand;
