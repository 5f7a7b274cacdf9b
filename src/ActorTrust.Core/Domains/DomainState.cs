using System.Text.Json.Serialization;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Domains;

/// <summary>
/// The state of one <c>domain</c> entity: every accepted version of its authority manifest, oldest first,
/// so authority questions can be answered for any version ("did key K hold role R at version V").
/// Immutable; changed only by <see cref="DomainDecider.Evolve"/>. Serialisable with the ActorTrust JSON options.
/// </summary>
/// <param name="DomainId">The trust domain name, or null before the domain is created.</param>
/// <param name="Versions">Accepted versions in order; version numbers are 1, 2, 3, …</param>
public sealed record DomainState(string? DomainId, IReadOnlyList<DomainVersion> Versions)
{
    /// <summary>The state of a domain that has not been created.</summary>
    public static DomainState Empty { get; } = new(null, []);

    /// <summary>True once the domain has been created.</summary>
    [JsonIgnore]
    public bool Exists => Versions.Count > 0;

    /// <summary>The current (latest) version, or null before creation.</summary>
    [JsonIgnore]
    public DomainVersion? Current => Versions.Count == 0 ? null : Versions[^1];

    /// <summary>The accepted version numbered <paramref name="version"/>, or null when there is none.</summary>
    public DomainVersion? VersionOf(long version) =>
        version >= 1 && version <= Versions.Count ? Versions[(int)(version - 1)] : null;

    /// <summary>
    /// True when <paramref name="keyId"/> was a principal holding <paramref name="role"/> in manifest version
    /// <paramref name="version"/>; false for unknown versions, unknown keys and root keys.
    /// </summary>
    public bool KeyHeldRole(Digest keyId, DomainRole role, long version) =>
        VersionOf(version)?.KeyHeldRole(keyId, role) ?? false;

    /// <summary>The version that was in force at <paramref name="instant"/>, or null when none was.</summary>
    public DomainVersion? VersionInForceAt(DateTimeOffset instant) =>
        Versions.LastOrDefault(v => v.WasInForceAt(instant));
}
