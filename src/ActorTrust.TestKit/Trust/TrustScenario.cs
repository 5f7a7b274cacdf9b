using ActorTrust.Core.Agents;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;

namespace ActorTrust.TestKit.Trust;

/// <summary>
/// A ready-made trust domain for tests and benchmarks: deterministic keys (two roots, a publisher, an auditor and,
/// optionally executors), a signed Domain Authority Manifest v1, and builders for signed Agent Manifests and
/// revocations. Same seed, same keys, so results are reproducible.
/// </summary>
public sealed class TrustScenario : IDisposable
{
    private readonly Ed25519KeyPair[] _keys;

    /// <summary>
    /// Creates the scenario for <paramref name="domainId"/>; <paramref name="seed"/> varies the keys, and
    /// <paramref name="executors"/> (0 to 8) adds that many principals holding <c>executor</c> to version 1.
    /// </summary>
    public TrustScenario(string domainId = "example.org", byte seed = 1, int executors = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(executors);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(executors, 8);
        DomainId = domainId;
        _keys = [.. Enumerable.Range(0, 4 + executors).Select(i => Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)(seed * 16 + i + 1), 32).ToArray()))];
        ExecutorCount = executors;
        DomainV1 = new DomainAuthorityManifest(
            DomainAuthorityManifest.SchemaV1, domainId, 1, [Root(0).PublicKey.ToString(), Root(1).PublicKey.ToString()], 2,
            [Principal(Publisher, DomainRole.Publisher), Principal(Auditor, DomainRole.Auditor),
                .. Enumerable.Range(0, executors).Select(i => Principal(Executor(i), DomainRole.Executor))]);
    }

    /// <summary>How many executors version 1 names.</summary>
    public int ExecutorCount { get; }

    /// <summary>The trust domain name.</summary>
    public string DomainId { get; }

    /// <summary>The publisher key (signs Agent Manifests).</summary>
    public Ed25519KeyPair Publisher => _keys[2];

    /// <summary>The auditor key (may revoke agents).</summary>
    public Ed25519KeyPair Auditor => _keys[3];

    /// <summary>Version 1 of the domain's authority manifest (roots 0 and 1, threshold 2).</summary>
    public DomainAuthorityManifest DomainV1 { get; }

    /// <summary>Executor key <paramref name="index"/> (0 to <see cref="ExecutorCount"/> - 1); holds <c>executor</c> in version 1.</summary>
    public Ed25519KeyPair Executor(int index) =>
        index >= 0 && index < ExecutorCount ? _keys[4 + index] : throw new ArgumentOutOfRangeException(nameof(index), $"this scenario has {ExecutorCount} executors");

    /// <summary>A signer for <paramref name="key"/> (e.g. an executor's, for checkpoints and receipts).</summary>
    public static IEnvelopeSigner SignerOf(Ed25519KeyPair key) => new Ed25519EnvelopeSigner(key);

    /// <summary>Root key <paramref name="index"/> (0 or 1).</summary>
    public Ed25519KeyPair Root(int index) => _keys[index];

    /// <summary>The DSSE JSON of <see cref="DomainV1"/> signed by both roots.</summary>
    public string CreateDomainEnvelope() => DomainManifestSigning.SignToJson(DomainV1, Signer(Root(0)), Signer(Root(1)));

    /// <summary>The domain's current authority as the agent decider receives it.</summary>
    public IssuerAuthority Authority() =>
        new(DomainId, 1, Digest.Sha256(ActorTrustJson.ToCanonicalBytes(DomainV1)), DomainV1.Principals);

    /// <summary>The SPIFFE ID of agent <paramref name="name"/> in this domain.</summary>
    public string AgentId(string name) => $"spiffe://{DomainId}/agent/{name}";

    /// <summary>An Agent Manifest for <paramref name="agentId"/>, valid for 30 days from <paramref name="now"/>.</summary>
    public AgentManifest AgentManifest(string agentId, DateTimeOffset now, string? previousManifestId = null, string salt = "") => new(
        Core.Agents.AgentManifest.SchemaV1,
        Guid.CreateVersion7(now).ToString(),
        SpiffeId.Parse(agentId),
        DomainId,
        Publisher.PublicKey.KeyId,
        Digest.Sha256(System.Text.Encoding.UTF8.GetBytes("prompt:" + agentId + salt)),
        Digest.Sha256(System.Text.Encoding.UTF8.GetBytes("policy:" + agentId + salt)),
        Digest.Sha256(System.Text.Encoding.UTF8.GetBytes("tools:" + agentId + salt)),
        now,
        now.AddDays(30),
        previousManifestId);

    /// <summary>The DSSE JSON of <paramref name="manifest"/> signed by the publisher.</summary>
    public string Sign(AgentManifest manifest) => AgentManifestSigning.SignToJson(manifest, Signer(Publisher));

    /// <summary>A revocation of <paramref name="manifestId"/> signed by the auditor (or by <paramref name="by"/>).</summary>
    public string Revocation(string agentId, string manifestId, DateTimeOffset now, string reason = "retired", Ed25519KeyPair? by = null) =>
        AgentManifestSigning.SignRevocationToJson(new AgentRevocation(SpiffeId.Parse(agentId), manifestId, reason, now), Signer(by ?? Auditor));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }

    private static IEnvelopeSigner Signer(Ed25519KeyPair key) => new Ed25519EnvelopeSigner(key);

    private static DomainPrincipal Principal(Ed25519KeyPair key, params DomainRole[] roles) =>
        new(key.PublicKey.KeyId, key.PublicKey.ToString(), roles);
}
