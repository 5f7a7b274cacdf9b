using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation.Contracts;

/// <summary>An event in a <c>contract</c> entity's journal.</summary>
public abstract record ContractEvent;

/// <summary>A contract version was published; its text is immutable from now on.</summary>
/// <param name="Version">The contract version.</param>
/// <param name="Text">The contract text.</param>
/// <param name="Digest">Its digest, <see cref="ContractDigest.Of"/>.</param>
/// <param name="EffectiveAt">When it takes effect.</param>
/// <param name="Actor">Who published it.</param>
/// <param name="PublishedAt">The decision time.</param>
[EventName("contract.published.v1")]
public sealed record ContractPublished(int Version, string Text, Digest Digest, DateTimeOffset EffectiveAt, FederationActor Actor, DateTimeOffset PublishedAt)
    : ContractEvent;

/// <summary>A contract version was deprecated: read-only for new federations.</summary>
/// <param name="Version">The contract version.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who deprecated it.</param>
/// <param name="DeprecatedAt">The decision time.</param>
[EventName("contract.deprecated.v1")]
public sealed record ContractDeprecated(int Version, string Reason, FederationActor Actor, DateTimeOffset DeprecatedAt) : ContractEvent;
