using ActorTrust.Core.Agents;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Identity;
using ActorTrust.Core.RuntimeManifests;
using ActorTrust.Core.Sessions;
using ActorTrust.TestKit.Trust;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// (7) Session admission on one core: the session decider admitting with a signed claims bundle verified (the
/// agent's manifest was verified once at registration, so a session costs one signature), and with the manifest
/// envelope re-verified too (two signatures) — next to libsodium's raw verify rate in the same run. Target:
/// signatures per admission × admissions/s ≥ 70% of the raw verify rate.
/// </summary>
internal static class AdmissionScenarios
{
    public sealed record Figures(Measured Cached, Measured Reverified, Measured RawVerify, Measured NoClaims, Measured ClaimsVerifier, Measured EnvelopeVerify);

    public static async Task<Figures> RunAsync(MacroOptions options)
    {
        using var trust = new TrustScenario();
        var now = DateTimeOffset.UtcNow;
        var agentId = trust.AgentId("bench");
        var manifest = trust.AgentManifest(agentId, now);
        var manifestEnvelope = trust.Sign(manifest);
        var agent = AgentSnapshot.Of(SpiffeId.Parse(agentId), Registered(manifestEnvelope, trust, agentId, now), 1);
        using var peer = Ed25519KeyPair.FromSeed(Enumerable.Repeat((byte)9, 32).ToArray());
        var transport = new TransportFacts("peer-1", peer.PublicKey.ToString(), TransportPathKind.Direct);
        var claims = SessionClaimsSigning.SignToJson(
            new SessionClaims(SessionClaims.SchemaV1, transport,
                new RuntimeManifest(RuntimeManifest.SchemaV1, "cpu", new RuntimeToolchain("dotnet", "10.0"), [], ["env:bench"], [], [], []),
                ProofPosture.BestEffort, now, now.AddMinutes(9), "actortrust", "bench-nonce-0000001"),
            new Ed25519EnvelopeSigner(peer));
        var cached = Open(agentId, transport, manifest, agent, trust, claims, manifestEnvelope: null);
        var reverified = Open(agentId, transport, manifest, agent, trust, claims, manifestEnvelope);
        var noClaims = Open(agentId, transport, manifest, agent, trust, null, manifestEnvelope: null) with { Posture = PolicyPosture.None };
        var claimsEnvelope = EnvelopeJson.Parse(System.Text.Encoding.UTF8.GetBytes(claims));
        var claimsPolicy = TrustPolicy.Single(peer.PublicKey, PayloadTypes.SessionClaims);
        var context = new DecisionContext("spiffe://example.org/session/bench", now, 0);
        Admit(cached, context);
        Admit(reverified, context);

        var message = new byte[256];
        using var raw = new RawSodium(Enumerable.Repeat((byte)7, 32).ToArray());
        var signature = new byte[64];
        raw.Sign(message, signature);
        var measured = await Interleaved.RunAsync(options.WarmUp, options.Duration, options.Slices,
        [
            Contender.Sync("admit (1 signature)", () => Admit(cached, context)),
            Contender.Sync("admit (2 signatures)", () => Admit(reverified, context)),
            Contender.Sync("raw verify", () => raw.Verify(message, signature)),
            Contender.Sync("admit (no claims, no signature)", () => Admit(noClaims, context)),
            Contender.Sync("SessionClaimsVerifier.Verify", () => SessionClaimsVerifier.Verify(claims, transport, "actortrust", now)),
            Contender.Sync("EnvelopeVerifier.Verify", () => EnvelopeVerifier.Verify(claimsEnvelope, claimsPolicy)),
        ]);
        return new Figures(measured[0], measured[1], measured[2], measured[3], measured[4], measured[5]);
    }

    private static OpenSession Open(string agentId, TransportFacts transport, AgentManifest manifest, AgentSnapshot agent, TrustScenario trust, string? claims, string? manifestEnvelope) =>
        new(SpiffeId.Parse(agentId), SubjectSource.Config, false, transport, "actortrust", PolicyPosture.Required,
            manifest.PolicyBundleHash, manifest.ToolCatalogHash, agent, trust.Authority(), claims, manifestEnvelope);

    private static void Admit(OpenSession command, DecisionContext context)
    {
        var decision = SessionDecider.Instance.Decide(SessionState.Empty, command, context);
        if (!decision.IsAccepted)
        {
            throw new InvalidOperationException($"admission refused: {decision.Rejection}");
        }
    }

    private static AgentState Registered(string envelope, TrustScenario trust, string agentId, DateTimeOffset now)
    {
        var decision = AgentDecider.Instance.Decide(AgentState.Empty, new RegisterAgent(envelope, trust.Authority()), new DecisionContext(agentId, now, 0));
        return decision.Events.Aggregate(AgentState.Empty, AgentDecider.Instance.Evolve);
    }
}
