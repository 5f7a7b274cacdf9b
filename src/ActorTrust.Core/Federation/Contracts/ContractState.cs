using System.Text.Json.Serialization;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation.Contracts;

/// <summary>Where a contract version is in its life. Written as <c>unpublished</c>, <c>published</c> or <c>deprecated</c>.</summary>
public enum ContractStatus
{
    /// <summary>No text has been published under this version.</summary>
    Unpublished = 0,

    /// <summary>Published; new federations may agree to it.</summary>
    Published = 1,

    /// <summary>Deprecated; only peerings that already agreed to it keep it.</summary>
    Deprecated = 2,
}

/// <summary>
/// The state of one <c>contract</c> entity. Immutable; changed only by <see cref="ContractDecider.Evolve"/>.
/// </summary>
/// <param name="Status">Unpublished, published or deprecated.</param>
/// <param name="Publication">The publication, once published.</param>
/// <param name="Deprecation">The deprecation, once deprecated.</param>
public sealed record ContractState(ContractStatus Status, ContractPublished? Publication = null, ContractDeprecated? Deprecation = null)
{
    /// <summary>The state of a version with no events.</summary>
    public static ContractState Empty { get; } = new(ContractStatus.Unpublished);

    /// <summary>The text's digest, once published.</summary>
    [JsonIgnore]
    public Digest? Digest => Publication?.Digest;
}
