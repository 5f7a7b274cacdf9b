using ActorTrust.Core.Federation.Contracts;
using ActorTrust.Core.Federation.Governance;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;
using ActorTrust.Core.Federation.Peers;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

/// <summary>A named command for property tests, so a failing sequence prints readably.</summary>
internal sealed record NamedCommand(string Name, PeerCommand Command)
{
    public override string ToString() => Name;
}

/// <summary>Every kind of peer command, well-formed or not, from every kind of actor: the alphabet of random sequences.</summary>
internal static class PeerCommandPool
{
    public static readonly NamedCommand[] All =
    [
        new("propose", Propose()),
        new("accept", Accept()),
        new("accept-wrong-token", Accept(Token[..^1] + "z")),
        new("accept-deprecated", Accept(registry: RegistryV1 with { Status = ContractStatus.Deprecated })),
        new("accept-bad-digest", Accept(digest: ContractDigest.Of("other"))),
        new("enroll", Enroll()),
        new("enroll-anonymous", Enroll(Offer with { Disclosure = new() })),
        new("enroll-incompatible", Enroll(Offer with { Disclosure = Disclosure with { PlatformVersion = "3.0.0" } })),
        new("rehandshake", Rehandshake()),
        new("heartbeat", Heartbeat()),
        new("heartbeat-v2", Heartbeat(contractVersion: 2)),
        new("heartbeat-drift", Heartbeat(capabilities: new([new ResourceCapability("secrets", ["1"], [])]))),
        new("heartbeat-impostor", Heartbeat() with { Actor = Impostor }),
        new("liveness", CheckLiveness()),
        new("suspend", Suspend()),
        new("reinstate", Reinstate()),
        new("revoke", Revoke()),
        new("revoke-by-peer", Revoke() with { Actor = Peer }),
        new("disclose", Disclose()),
        new("raise-hard", new RaiseFinding(FindingKind.SchemaDrift, "scanner saw schema 9", Policy, Liveness)),
        new("resolve-1", new ResolveFinding(1, "reviewed", Operator)),
        new("grant", Grant()),
        new("grant-migrate", new IssueGrant("g-m", new([GrantScope.Migrate], "workflow", "carol@peer-b.example"), Credential, Operator)),
        new("grant-mass", Grant("g-x", Request(GrantScope.Admin, GrantRules.AllKinds))),
        new("revoke-grant", new RevokeGrant("g-1", "done", Operator)),
        new("use", Use()),
        new("use-wrong", Use(credential: Credential[..^1] + "z")),
        new("plan", PlanMigration()),
        new("plan-bad-ids", PlanMigration("m-2", Plan(ConflictPolicy.Fail, Item(1) with { SourceId = "42" }))),
        new("validate", new StartMigrationValidation("m-1", Executor)),
        new("validated", new CompleteMigrationValidation("m-1", [Uuid7(2)], Executor)),
        new("transfer", new CompleteMigrationTransfer("m-1", Plan().Items, Policy, Executor)),
        new("transfer-tampered", new CompleteMigrationTransfer("m-1", [Item(1)], Policy, Executor)),
        new("apply", new ApplyMigration("m-1", [], Executor)),
        new("fail", new FailMigration("m-1", "store refused", Executor)),
        new("cancel", new CancelMigration("m-1", "changed plans", Operator)),
        new("end-grace", new EndMigrationGrace(Executor)),
    ];

    public static readonly TimeSpan[] Advances =
        [TimeSpan.Zero, TimeSpan.FromSeconds(30), PeerLiveness.StaleAfter, TimeSpan.FromHours(2), TimeSpan.FromDays(8)];
}
