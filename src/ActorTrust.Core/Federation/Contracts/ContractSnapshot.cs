using System.Globalization;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation.Contracts;

/// <summary>
/// One <c>contract</c> entity as the node read it for another decision (a peer's acceptance): the registry facts the
/// peer's contract version and digest are checked against, and the entity version they came from.
/// </summary>
/// <param name="Version">The contract version (the entity id).</param>
/// <param name="Status">Unpublished, published or deprecated.</param>
/// <param name="EntityVersion">The contract entity's journal version when read.</param>
/// <param name="Digest">The published text's digest, once published.</param>
public sealed record ContractSnapshot(int Version, ContractStatus Status, long EntityVersion, Digest? Digest = null)
{
    /// <summary>The snapshot of <paramref name="state"/> at <paramref name="entityVersion"/>.</summary>
    public static ContractSnapshot Of(int version, ContractState state, long entityVersion)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(version, state.Status, entityVersion, state.Digest);
    }
}

/// <summary>Queries over the contract registry (every <c>contract</c> entity) and the grammar of its ids.</summary>
public static class ContractRegistry
{
    /// <summary>The latest version new federations may adopt: the highest published, non-deprecated one; null when none.</summary>
    public static ContractSnapshot? Latest(IEnumerable<ContractSnapshot> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        return contracts.Where(c => c.Status == ContractStatus.Published).MaxBy(c => c.Version);
    }

    /// <summary>Reads a contract entity id: a positive integer in decimal, without sign or leading zeros.</summary>
    public static bool TryParseVersion(string? id, out int version)
    {
        version = 0;
        return id is { Length: > 0 } && id[0] != '0' && id.All(char.IsAsciiDigit)
            && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    /// <summary>The entity id of <paramref name="version"/>.</summary>
    public static string IdOf(int version) => version.ToString(CultureInfo.InvariantCulture);
}
