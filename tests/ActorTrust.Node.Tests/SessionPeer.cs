using ActorTrust.Client;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.RuntimeManifests;
using ActorTrust.Core.Sessions;

namespace ActorTrust.Node.Tests;

/// <summary>
/// The transport peer (node <c>peer-1</c>) the tests open sessions over: its Ed25519 key, the session requests that name
/// it and the session claims it signs.
/// </summary>
internal sealed class SessionPeer(byte seed) : IDisposable
{
    private readonly Ed25519KeyPair _key = Ed25519KeyPair.FromSeed(Enumerable.Repeat(seed, 32).ToArray());

    /// <summary>The SPIFFE id of the test session <paramref name="name"/>.</summary>
    public static string SessionId(string name) => $"spiffe://example.org/session/{name}";

    /// <summary>A request to open session <paramref name="name"/> for an agent under <paramref name="manifest"/>, over this peer.</summary>
    public SessionRequest Request(string name, string agentId, AgentManifest manifest, string? claims) => new()
    {
        SessionId = SessionId(name),
        Subject = agentId,
        AgentId = agentId,
        PeerNodeId = "peer-1",
        PeerAuthPublicKey = _key.PublicKey.ToString(),
        PolicyBundleHash = manifest.PolicyBundleHash.ToString(),
        ToolCatalogHash = manifest.ToolCatalogHash.ToString(),
        ClaimsEnvelope = claims,
    };

    /// <summary>Best-effort session claims with <paramref name="nonce"/>, valid from 5 s before <paramref name="now"/> for 5 min, signed by this peer.</summary>
    public string ClaimsEnvelope(string nonce, DateTimeOffset now) => SessionClaimsSigning.SignToJson(
        new SessionClaims(SessionClaims.SchemaV1, new TransportFacts("peer-1", _key.PublicKey.ToString(), TransportPathKind.Direct),
            new RuntimeManifest(RuntimeManifest.SchemaV1, "cpu", new RuntimeToolchain("dotnet", "10.0"), [], ["env:prod"], [], [], []),
            ProofPosture.BestEffort, now.AddSeconds(-5), now.AddMinutes(5), "actortrust", nonce),
        new Ed25519EnvelopeSigner(_key));

    public void Dispose() => _key.Dispose();
}
