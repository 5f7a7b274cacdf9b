using ActorTrust.Core.Crypto;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Core.Tests.TestSupport;

using ActorTrust.TestKit.Entities;

namespace ActorTrust.Core.Tests.Domains;

/// <summary>
/// Builders for domain tests. Keys 0–2 are version 1's roots, 3–5 version 2's, 6–8 version 3's; keys 20+
/// are principals. Time is fixed at <see cref="Now"/>.
/// </summary>
internal static class DomainFixtures
{
    public const string DomainId = "factory.example";

    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly int[] V1Roots = [0, 1, 2];

    public static readonly int[] V2Roots = [3, 4, 5];

    public static DeciderSpec<DomainState, DomainCommand, DomainEvent> Spec(string entityId = DomainId) =>
        new(DomainDecider.Instance, entityId);

    public static DomainPrincipal Principal(int key, params DomainRole[] roles) =>
        new(TestKeys.Key(key).PublicKey.KeyId, TestKeys.Hex(key), roles);

    public static DomainAuthorityManifest Manifest(
        long version,
        int[] roots,
        int threshold,
        Digest? previous = null,
        IReadOnlyList<DomainPrincipal>? principals = null,
        DateTimeOffset? expiresAt = null,
        string domainId = DomainId) =>
        new(DomainAuthorityManifest.SchemaV1, domainId, version, [.. roots.Select(TestKeys.Hex)], threshold,
            principals ?? [Principal(20, DomainRole.Publisher), Principal(21, DomainRole.Auditor, DomainRole.Executor)],
            previous, expiresAt);

    public static DomainAuthorityManifest V1(int threshold = 2, DateTimeOffset? expiresAt = null) =>
        Manifest(1, V1Roots, threshold, expiresAt: expiresAt);

    public static DomainAuthorityManifest V2(DomainAuthorityManifest v1, int threshold = 2, IReadOnlyList<DomainPrincipal>? principals = null) =>
        Manifest(2, V2Roots, threshold, DigestOf(v1), principals);

    public static string Sign(DomainAuthorityManifest manifest, params int[] signers) =>
        DomainManifestSigning.SignToJson(manifest, [.. signers.Select(TestKeys.Signer)]);

    public static Digest DigestOf(DomainAuthorityManifest manifest) => Digest.Sha256(ActorTrustJson.ToCanonicalBytes(manifest));

    public static CreateDomain Create(DomainAuthorityManifest manifest, params int[] signers) => new(Sign(manifest, signers));

    public static RotateDomain Rotate(DomainAuthorityManifest manifest, params int[] signers) => new(Sign(manifest, signers));

    /// <summary>A spec holding a created version 1 (roots 0–2, threshold 2).</summary>
    public static DeciderSpec<DomainState, DomainCommand, DomainEvent> Created(out DomainAuthorityManifest v1, DateTimeOffset? expiresAt = null)
    {
        v1 = V1(expiresAt: expiresAt);
        var spec = Spec();
        spec.Apply(Create(v1, 0, 1), Now);
        return spec;
    }

    public static Ed25519KeyPair Key(int index) => TestKeys.Key(index);
}
