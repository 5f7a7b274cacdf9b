using System.Text;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Tests.TestSupport;

using ActorTrust.TestKit.Entities;

namespace ActorTrust.Core.Tests.Agents;

/// <summary>
/// Builders for agent tests. Issuer domain <see cref="DomainId"/> has publishers 20 and 22, auditor 21,
/// executor 23; key 25 belongs to nobody. Time is fixed at <see cref="Now"/>.
/// </summary>
internal static class AgentFixtures
{
    public const string DomainId = "factory.example";
    public const int Publisher = 20;
    public const int Auditor = 21;
    public const int OtherPublisher = 22;
    public const int Executor = 23;
    public const int Outsider = 25;

    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly SpiffeId AgentId = SpiffeId.Parse("spiffe://factory.example/agent/material-movement/dev");
    public static readonly Digest PromptHash = Digest.Sha256("system prompt"u8);
    public static readonly Digest PolicyHash = Digest.Sha256("policy bundle"u8);
    public static readonly Digest CatalogHash = Digest.Sha256("tool catalog"u8);

    public static IssuerAuthority Authority { get; } = new(DomainId, 3, Digest.Sha256("authority manifest v3"u8),
    [
        Principal(Publisher, DomainRole.Publisher),
        Principal(Auditor, DomainRole.Auditor),
        Principal(OtherPublisher, DomainRole.Publisher, DomainRole.Producer),
        Principal(Executor, DomainRole.Executor),
    ]);

    public static DomainPrincipal Principal(int key, params DomainRole[] roles) =>
        new(TestKeys.Key(key).PublicKey.KeyId, TestKeys.Hex(key), roles);

    public static Digest KeyId(int key) => TestKeys.Key(key).PublicKey.KeyId;

    public static AgentManifest Manifest(
        string manifestId = "m-1",
        string? previous = null,
        int issuerKey = Publisher,
        DateTimeOffset? issuedAt = null,
        DateTimeOffset? expiresAt = null) =>
        new(AgentManifest.SchemaV1, manifestId, AgentId, DomainId, KeyId(issuerKey), PromptHash, PolicyHash, CatalogHash,
            issuedAt ?? Now.AddHours(-1), expiresAt ?? Now.AddDays(30), previous);

    public static string Sign(AgentManifest manifest, params int[] signers) =>
        AgentManifestSigning.SignToJson(manifest, [.. signers.Select(TestKeys.Signer)]);

    /// <summary>Signs with the key the manifest names as its issuer key.</summary>
    public static string Signed(AgentManifest manifest) =>
        Sign(manifest, Enumerable.Range(0, TestKeys.Count).First(i => KeyId(i) == manifest.IssuerKeyId));

    public static string SignRaw(string payloadType, string json, params int[] signers) =>
        Text(Envelope.Sign(payloadType, Encoding.UTF8.GetBytes(json), [.. signers.Select(TestKeys.Signer)]));

    public static string Text(Envelope envelope) => Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope));

    public static AgentRevocation Revocation(string manifestId = "m-1", string reason = "key compromise suspected", DateTimeOffset? revokedAt = null) =>
        new(AgentId, manifestId, reason, revokedAt ?? Now);

    public static string SignRevocation(AgentRevocation revocation, params int[] signers) =>
        AgentManifestSigning.SignRevocationToJson(revocation, [.. signers.Select(TestKeys.Signer)]);

    public static DeciderSpec<AgentState, AgentCommand, AgentEvent> Spec(string? entityId = null) =>
        new(AgentDecider.Instance, entityId ?? AgentId.ToString());

    /// <summary>A spec with manifest m-1 (signed by publisher 20) registered.</summary>
    public static DeciderSpec<AgentState, AgentCommand, AgentEvent> Registered(out AgentManifest first)
    {
        first = Manifest();
        var spec = Spec();
        spec.Apply(new RegisterAgent(Signed(first), Authority), Now);
        return spec;
    }

    public static ManifestVerdict Verify(string envelope, IssuerAuthority? authority = null, DateTimeOffset? now = null, RevocationList? revocations = null, ExpectedHashes? expected = null) =>
        AgentManifestVerifier.Verify(Encoding.UTF8.GetBytes(envelope), authority ?? Authority, now ?? Now, revocations, expected);
}
