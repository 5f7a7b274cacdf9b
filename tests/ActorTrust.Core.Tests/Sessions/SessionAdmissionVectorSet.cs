using ActorTrust.Core.Agents;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Sessions;
using ActorTrust.Core.Tests.RuntimeManifests;
using ActorTrust.Core.Tests.TestSupport;
using static ActorTrust.Core.Sessions.ClaimsDisposition;
using static ActorTrust.Core.Sessions.SessionRejectionCodes;
using static ActorTrust.Core.Tests.Agents.AgentFixtures;
using static ActorTrust.Core.Tests.Sessions.SessionFixtures;
using static ActorTrust.Core.Tests.Sessions.SessionVectorExpectation;

namespace ActorTrust.Core.Tests.Sessions;

/// <summary>The generator of tests/vectors/session-admission, from fixed seeds and a fixed clock (see <see cref="SessionFixtures"/>).</summary>
internal static class SessionAdmissionVectorSet
{
    private static readonly string OtherKeyClaims = SignClaims(Claims(transport: Transport with { PeerAuthPublicKey = TestKeys.Hex(OtherPeer) }), OtherPeer);
    private static readonly DateTimeOffset Expiry = Manifest().ExpiresAt;

    public static IReadOnlyList<SessionAdmissionVector> All() =>
    [
        V("SA-001", "valid binding: verified claims under required, subject is the manifest agent, hashes match", Open(), Admitted(Verified)),
        V("SA-002", "subject is not the manifest's agent_id", Open() with { Subject = SpiffeId.Parse("spiffe://factory.example/agent/impostor") }, Refused(AgentIdMismatch, Verified)),
        V("SA-003", "presented manifest with a tampered signature", Open() with { ManifestEnvelope = TamperedManifest() }, Refused(ManifestSignatureInvalid, Verified)),
        V("SA-004", "loaded policy bundle drifted from the approved hash", Open() with { PolicyBundleHash = RuntimeManifestFixtures.D("policy v2") }, Refused(PolicyHashDrift, Verified)),
        V("SA-005", "loaded tool catalog drifted from the approved hash", Open() with { ToolCatalogHash = RuntimeManifestFixtures.D("catalog v2") }, Refused(CatalogHashDrift, Verified)),
        V("SA-006", "manifest evaluated at its expires_at", Open(Expiry), Refused(ManifestExpired, Verified), Expiry),
        V("SA-007", "agent (and its manifest) revoked", Open() with { Agent = Agent(new RevokeAgent(SignRevocation(Revocation(), Auditor), Authority)) }, Refused(ManifestRevoked, Verified)),
        V("SA-008", "issuer key no longer holds publisher in the issuer domain", Open() with
        {
            Authority = Authority with { Principals = [Principal(Publisher, DomainRole.Auditor), Principal(OtherPublisher, DomainRole.Publisher)] },
        }, Refused(IssuerKeyNotPublisher, Verified)),
        V("SA-009", "no claims under posture none", Open() with { ClaimsEnvelope = null, Posture = PolicyPosture.None }, Admitted(Missing)),
        V("SA-010", "no claims under posture best_effort: degraded, unavailable", Open() with { ClaimsEnvelope = null, Posture = PolicyPosture.BestEffort }, Admitted(Unavailable)),
        V("SA-011", "no claims under posture required", Open() with { ClaimsEnvelope = null }, Refused(SessionClaimsMissing, Missing)),
        V("SA-012", "claims signed by another peer key under posture none: degraded", Open() with { ClaimsEnvelope = OtherKeyClaims, Posture = PolicyPosture.None }, Admitted(Detached)),
        V("SA-013", "claims stating a relayed path on a direct connection under best_effort: degraded",
            Open() with { ClaimsEnvelope = SignClaims(Claims(transport: Relayed)), Posture = PolicyPosture.BestEffort }, Admitted(Detached)),
        V("SA-014", "claims signed by another peer key under required", Open() with { ClaimsEnvelope = OtherKeyClaims }, Refused(SessionClaimsDetached, Detached)),
        V("SA-015", "claims with a bad signature under posture none: degraded", Open() with { ClaimsEnvelope = SignClaims(Claims(), OtherPeer), Posture = PolicyPosture.None }, Admitted(Invalid)),
        V("SA-016", "expired claims under best_effort: degraded", Open() with { ClaimsEnvelope = SignClaims(Claims(Now.AddMinutes(-6))), Posture = PolicyPosture.BestEffort }, Admitted(Invalid)),
        V("SA-017", "malformed claims under required", Open() with { ClaimsEnvelope = "not a claims envelope" }, Refused(SessionClaimsInvalid, Invalid)),
        V("SA-018", "replayed nonce under required", Open() with { SeenNonces = [Nonce] }, Refused(SessionClaimsInvalid, Invalid)),
        V("SA-019", "claims for another audience under required", Open() with { ClaimsEnvelope = SignClaims(Claims() with { Audience = "spiffe://node.example/node/n2" }) },
            Refused(SessionClaimsInvalid, Invalid)),
        V("SA-020", "subject source manifest-dev outside dev mode", Open() with { SubjectSource = SubjectSource.ManifestDev }, Refused(SubjectSourceNotAllowed, Verified)),
        V("SA-021", "subject source manifest-dev in dev mode", Open() with { SubjectSource = SubjectSource.ManifestDev, DevMode = true }, Admitted(Verified)),
        V("SA-022", "runtime identity not on the profile's allow-list", Open() with { AllowedRuntimeIdentities = [RuntimeManifestFixtures.D("other runtime")] },
            Refused(RuntimeIdentityNotAllowed, Verified)),
        V("SA-023", "runtime identity on the profile's allow-list", Open() with { AllowedRuntimeIdentities = [RuntimeManifestFixtures.Cuda().IdentityDigest()] }, Admitted(Verified)),
        V("SA-024", "allow-list in force and claims degraded: no verified runtime identity",
            Open() with { ClaimsEnvelope = null, Posture = PolicyPosture.BestEffort, AllowedRuntimeIdentities = [RuntimeManifestFixtures.Cuda().IdentityDigest()] },
            Refused(RuntimeIdentityNotAllowed, Unavailable)),
        V("SA-025", "agent not registered", Open() with { Agent = new AgentSnapshot(AgentId, AgentStatus.Unregistered, 0) }, Refused(AgentNotRegistered, Verified)),
        V("SA-026", "future-dated claims under best_effort: degraded", Open() with { ClaimsEnvelope = SignClaims(Claims(Now.AddMinutes(3))), Posture = PolicyPosture.BestEffort },
            Admitted(Invalid)),
        V("SA-027", "validly signed manifest that was rotated away", Open() with
        {
            Agent = Agent(new RotateAgent(Signed(Manifest("m-2", "m-1", issuedAt: Now.AddMinutes(-30))), Authority)),
        }, Refused(ManifestNotCurrent, Verified)),
        V("SA-028", "no manifest envelope: the agent entity's verified binding is used", Open() with { ManifestEnvelope = null }, Admitted(Verified)),
        V("SA-029", "no issuer domain authority", Open() with { Authority = null }, Refused(IssuerAuthorityUnavailable, Verified)),
        V("SA-030", "replayed nonce under best_effort: degraded", Open() with { SeenNonces = [Nonce], Posture = PolicyPosture.BestEffort }, Admitted(Invalid)),
    ];

    private static SessionAdmissionVector V(string id, string description, OpenSession input, SessionVectorExpectation expected, DateTimeOffset? now = null) =>
        SessionAdmissionVector.Create(id, description, input, now ?? Now, expected);
}
