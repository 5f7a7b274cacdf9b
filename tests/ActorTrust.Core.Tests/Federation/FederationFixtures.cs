using ActorTrust.Core.Domains;
using ActorTrust.Core.Federation;
using ActorTrust.Core.Federation.Contracts;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Tests.TestSupport;

namespace ActorTrust.Core.Tests.Federation;

/// <summary>
/// Fixed inputs for federation tests: the peer <c>peer-b.example</c> with key 16 (key 17 is an impostor), our operator
/// key 18 holding federator (key 19 holds only auditor), contract v1, our policy, and a clock starting at <see cref="Now"/>.
/// </summary>
internal static class FederationFixtures
{
    public const string PeerId = "peer-b.example";
    public const int PeerKey = 16;
    public const int ImpostorKey = 17;
    public const string Token = "accept-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string Credential = "grant-credential-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string ContractText = "Federation Social Contract v1\n\nThe twelve commitments ...\n";

    public static readonly DateTimeOffset Now = new(2026, 5, 14, 12, 0, 0, TimeSpan.Zero);
    public static readonly Digest ContractDigestV1 = ContractDigest.Of(ContractText);
    public static readonly ContractSnapshot RegistryV1 = new(1, ContractStatus.Published, 1, ContractDigestV1);

    public static readonly FederationActor Operator = FederationActor.Operator(TestKeys.Key(18).PublicKey.KeyId, [DomainRole.Federator, DomainRole.Publisher], 3);
    public static readonly FederationActor Auditor = FederationActor.Operator(TestKeys.Key(19).PublicKey.KeyId, [DomainRole.Auditor], 3);
    public static readonly FederationActor Peer = FederationActor.Peer(PeerId, TestKeys.Key(PeerKey).PublicKey.KeyId);
    public static readonly FederationActor Impostor = FederationActor.Peer(PeerId, TestKeys.Key(ImpostorKey).PublicKey.KeyId);
    public static readonly FederationActor Liveness = FederationActor.System("liveness");
    public static readonly FederationActor Executor = FederationActor.System("migrations");

    public static readonly FederationPolicy Policy = new("1.4.2", "EU", HandshakesPerWindow: 3, HandshakeWindowSeconds: 3600, HardFindingsToSuspend: 3, FindingWindowSeconds: 86_400);

    public static readonly IdentityDisclosure Disclosure = new("ops@peer-b.example", "EU", "1.4.0", "v1.4.0", "eu-west");
    public static readonly CapabilityDeclaration Capabilities = new([new ResourceCapability("workflow", ["3", "4"], ["tenant"]), new ResourceCapability("dataset", ["1"], [])]);
    public static readonly HandshakeOffer Offer = new(Disclosure, Capabilities);

    public static ProposePeer Propose(string token = Token) => new("operator-b", "https://peer-b.example/federation", TestKeys.Hex(PeerKey), token, "pilot with peer B", Operator);

    public static AcceptPeer Accept(string token = Token, int version = 1, Digest? digest = null, ContractSnapshot? registry = null) =>
        new(token, version, digest ?? ContractDigestV1, registry ?? RegistryV1, Peer);

    public static EnrollPeer Enroll(HandshakeOffer? offer = null, FederationPolicy? policy = null) => new(offer ?? Offer, policy ?? Policy, Peer);

    public static Rehandshake Rehandshake(HandshakeOffer? offer = null, FederationPolicy? policy = null) => new(offer ?? Offer, policy ?? Policy, Peer);

    public static RecordHeartbeat Heartbeat(IdentityDisclosure? disclosure = null, int contractVersion = 1, CapabilityDeclaration? capabilities = null) =>
        new(new HeartbeatReport(disclosure ?? Disclosure, contractVersion, capabilities), Policy, Peer);

    public static CheckLiveness CheckLiveness() => new(Liveness);

    public static SuspendPeer Suspend() => new("operator review", Operator);

    public static ReinstatePeer Reinstate() => new("review passed", Operator);

    public static RevokePeer Revoke() => new("peering ended", Operator);

    public static DiscloseCompromise Disclose(DateTimeOffset? detectedAt = null) =>
        new(new CompromiseDisclosure(CompromiseNature.CertificateTheft, "node certificate key copied off host", detectedAt), Peer);

    public static GrantRequest Request(GrantScope scope = GrantScope.Read, string kind = "workflow", long? ttlSeconds = null, GrantRestrictions? restrictions = null) =>
        new([scope], kind, "alice@peer-b.example", ttlSeconds, restrictions);

    public static IssueGrant Grant(string id = "g-1", GrantRequest? request = null, string credential = Credential) => new(id, request ?? Request(), credential, Operator);

    public static ExerciseGrant Use(string id = "g-1", string credential = Credential, GrantScope scope = GrantScope.Read, string kind = "workflow",
        string? instance = null, string? network = null, string? source = null) =>
        new(id, credential, new GrantUse(scope, kind, "list workflows", instance, network, source), Peer);

    public static string Uuid7(int n) => $"0190f2a4-6b1e-7c3d-8e4f-{n:x12}";

    public static MigrationItem Item(int n, string kind = "workflow") => new(Uuid7(n), kind, Digest.Sha256([(byte)n]));

    public static MigrationPlan Plan(ConflictPolicy policy = ConflictPolicy.SkipIfExists, params MigrationItem[] items) =>
        new("workflow", MigrationOperation.Migrate, policy, MigrationOnly: true, items.Length > 0 ? items : [Item(1), Item(2), Item(3)]);

    public static PlanMigration PlanMigration(string id = "m-1", MigrationPlan? plan = null, string grant = "g-m", string credential = Credential) =>
        new(id, grant, credential, plan ?? Plan(), Policy, Peer);
}
