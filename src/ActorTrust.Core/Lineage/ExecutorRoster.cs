using System.Text.Json.Serialization;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Keys;

namespace ActorTrust.Core.Lineage;

/// <summary>
/// The agent's domain's executors, as the node read them from the <c>domain</c> entity just before deciding
/// (<see cref="From"/>): the principals holding <see cref="DomainRole.Executor"/> in one authority manifest
/// version, with their keys. The lineage decider stays pure; every event records which version it used
/// (<see cref="Reference"/>), and a roster older than one already used is refused.
/// </summary>
/// <param name="DomainId">The agent's trust domain.</param>
/// <param name="Version">The authority manifest version read.</param>
/// <param name="ManifestDigest">That manifest's payload digest.</param>
/// <param name="Executors">That version's principals holding <c>executor</c> (each with its key).</param>
/// <param name="ExpiresAt">That version's expiry, or null; an expired authority vouches for no executor.</param>
public sealed record ExecutorRoster(
    string DomainId,
    long Version,
    Digest ManifestDigest,
    IReadOnlyList<DomainPrincipal> Executors,
    DateTimeOffset? ExpiresAt = null)
{
    /// <summary>The roster of a domain version: its principals that hold <c>executor</c>.</summary>
    public static ExecutorRoster From(DomainVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new(version.Manifest.DomainId, version.Version, version.ManifestDigest,
            [.. version.Manifest.Principals.Where(p => p.Holds(DomainRole.Executor))], version.Manifest.ExpiresAt);
    }

    /// <summary>Which authority version was used, as recorded in events.</summary>
    [JsonIgnore]
    public AuthorityReference Reference => new(DomainId, Version, ManifestDigest);

    /// <summary>True when <paramref name="executor"/> is on the roster.</summary>
    public bool Holds(Digest executor) => Executors.Any(p => p.KeyId == executor);

    /// <summary>
    /// The public key of <paramref name="executor"/> when it is on the roster with a well-formed key whose id matches;
    /// otherwise null. The node verifies an executor's signed request under this key.
    /// </summary>
    public Ed25519PublicKey? KeyOf(Digest executor)
    {
        var principal = Executors.FirstOrDefault(p => p is not null && p.KeyId == executor);
        return principal is not null && PublicKeyHex.TryParseForRegistration(principal.PublicKey, "public_key", out var key, out _) && key.KeyId == executor
            ? key
            : null;
    }

    /// <summary>True when the authority has expired at <paramref name="now"/>.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && now >= expires;

    /// <summary>
    /// Returns null when the roster is well-formed for <paramref name="agent"/>: its domain is the agent's trust
    /// domain, the version is at least 1, and every entry holds <c>executor</c> with a registrable key whose id
    /// matches, without repeats. Otherwise says what is wrong.
    /// </summary>
    public string? Validate(SpiffeId agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (TrustDomainName.Validate(DomainId) is { } error)
        {
            return $"roster domain_id: {error}";
        }

        if (!string.Equals(DomainId, agent.TrustDomain, StringComparison.Ordinal))
        {
            return $"roster is for domain '{DomainId}', but agent {agent} belongs to '{agent.TrustDomain}'";
        }

        if (Version < 1)
        {
            return $"roster version must be at least 1, got {Version}";
        }

        if (Executors is null)
        {
            return "roster executors are missing";
        }

        return TryKeys(out _, out var keyError) ? null : keyError;
    }

    /// <summary>The executors' public keys, checked (registration rules, key id, role, no repeats).</summary>
    internal bool TryKeys(out IReadOnlyList<Ed25519PublicKey> keys, out string? error)
    {
        var list = new List<Ed25519PublicKey>(Executors.Count);
        keys = list;
        for (var i = 0; i < Executors.Count; i++)
        {
            var principal = Executors[i];
            if (principal is null)
            {
                error = $"roster executors[{i}] is null";
                return false;
            }

            if (!PublicKeyHex.TryParseForRegistration(principal.PublicKey, $"roster executors[{i}].public_key", out var key, out error))
            {
                return false;
            }

            if (principal.KeyId != key.KeyId || list.Contains(key) || !principal.Holds(DomainRole.Executor))
            {
                error = $"roster executors[{i}] has a key id that is not its key's, repeats a key, or does not hold executor";
                return false;
            }

            list.Add(key);
        }

        error = null;
        return true;
    }
}
