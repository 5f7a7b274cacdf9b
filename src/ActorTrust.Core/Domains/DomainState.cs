using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Domains;

/// <summary>
/// The state of one <c>domain</c> entity: every accepted version of its authority manifest, oldest first,
/// so authority questions can be answered for any version ("did key K hold role R at version V") or journal
/// position (<see cref="VersionAtPosition"/>), and the execution receipts and certifications recorded, by content
/// address. Immutable; changed only by <see cref="DomainDecider.Evolve"/>. Serialisable with the ActorTrust JSON options.
/// </summary>
/// <param name="DomainId">The trust domain name, or null before the domain is created.</param>
/// <param name="Versions">Accepted versions in order; version numbers are 1, 2, 3, …</param>
public sealed record DomainState(string? DomainId, IReadOnlyList<DomainVersion> Versions)
{
    /// <summary>The state of a domain that has not been created.</summary>
    public static DomainState Empty { get; } = new(null, []);

    /// <summary>The journal position: how many events the domain has applied (its last sequence number).</summary>
    public long Position { get; init; }

    /// <summary>The execution receipts recorded, in journal order, each content address at most once.</summary>
    public ImmutableList<StoredReceipt> Receipts { get; init; } = [];

    /// <summary>The certifications recorded, in journal order, each content address at most once.</summary>
    public ImmutableList<StoredCertification> Certifications { get; init; } = [];

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

    /// <summary>
    /// The version in force at journal position <paramref name="position"/>: the last one accepted at or before it;
    /// null before the domain's creation or beyond its journal.
    /// </summary>
    public DomainVersion? VersionAtPosition(long position) =>
        position > Position ? null : Versions.LastOrDefault(v => v.Position <= position && v.Position >= 1);

    /// <summary>The version that was in force at <paramref name="instant"/>, or null when none was.</summary>
    public DomainVersion? VersionInForceAt(DateTimeOffset instant) =>
        Versions.LastOrDefault(v => v.WasInForceAt(instant));
}
