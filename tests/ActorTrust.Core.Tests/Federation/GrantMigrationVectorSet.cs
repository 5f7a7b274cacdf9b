using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;
using static ActorTrust.Core.Federation.Peers.PeerStatus;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;
using static ActorTrust.Core.Tests.Federation.FederationVectorSet;

namespace ActorTrust.Core.Tests.Federation;

/// <summary>The grant and migration scenarios of tests/vectors/federation.</summary>
internal static class GrantMigrationVectorSet
{
    private static readonly IssueGrant MigrateGrant = new("g-m", new([GrantScope.Migrate, GrantScope.Read], "workflow", "carol@peer-b.example"), Credential, Operator);

    public static IEnumerable<FederationVector> GrantsAndMigrations()
    {
        yield return new FederationScenario("FV-017", "grant TTL: below seven days refused; the default thirty days honoured until expiry").ToActive()
            .Refused(Grant(request: Request(ttlSeconds: 6 * 86_400)), GrantTtlOutOfBounds, Active)
            .Ok(Grant(), Active, "peer.grant-issued.v1").Ok(Use(), Active, "peer.grant-exercised.v1")
            .After(TimeSpan.FromDays(30)).Refused(Use(), GrantNotHonoured, Active, Refusal).Build();
        yield return new FederationScenario("FV-018", "grant credential, scope and CIDR restriction").ToActive()
            .Ok(Grant(request: Request(restrictions: new([], [], ["10.20.0.0/16"]))), Active, "peer.grant-issued.v1")
            .Refused(Use(credential: Credential[..^1] + "z", source: "10.20.1.1"), GrantCredentialInvalid, Active, Refusal)
            .Refused(Use(scope: GrantScope.Write, source: "10.20.1.1"), GrantScopeNotCovered, Active, Refusal)
            .Refused(Use(source: "10.21.1.1"), GrantRestricted, Active, Refusal)
            .Ok(Use(source: "10.20.1.1"), Active, "peer.grant-exercised.v1").Build();
        yield return new FederationScenario("FV-019", "admin on every kind needs the operator flag").ToActive()
            .Refused(Grant(request: Request(GrantScope.Admin, GrantRules.AllKinds)), MassScopeNeedsOperatorFlag, Active)
            .Ok(Grant(request: Request(GrantScope.Admin, GrantRules.AllKinds) with { MassScopeApproved = true }), Active, "peer.grant-issued.v1").Build();
        yield return new FederationScenario("FV-020", "migration under skip_if_exists: every item applied in one event, source ids kept").ToActive()
            .Ok(MigrateGrant, Active, "peer.grant-issued.v1").Ok(PlanMigration(), Active, "peer.migration-planned.v1")
            .Ok(new StartMigrationValidation("m-1", Executor), Active, "peer.migration-validation-started.v1")
            .Ok(new CompleteMigrationValidation("m-1", [Uuid7(2)], Executor), Active, "peer.migration-validated.v1")
            .Ok(new CompleteMigrationTransfer("m-1", Plan().Items, Policy, Executor), Active, "peer.migration-transferred.v1")
            .Ok(new ApplyMigration("m-1", [Uuid7(2)], Executor), Active, "peer.migration-applied.v1").Build();
        yield return new FederationScenario("FV-021", "migration under fail: a conflict stops it; re-validation under skip_if_exists; cancellation").ToActive()
            .Ok(MigrateGrant, Active, "peer.grant-issued.v1").Ok(PlanMigration(plan: Plan(ConflictPolicy.Fail)), Active, "peer.migration-planned.v1")
            .Ok(new StartMigrationValidation("m-1", Executor), Active, "peer.migration-validation-started.v1")
            .Ok(new CompleteMigrationValidation("m-1", [Uuid7(2)], Executor), Active, "peer.migration-conflicted.v1")
            .Ok(new StartMigrationValidation("m-1", Operator, ConflictPolicy.SkipIfExists), Active, "peer.migration-validation-started.v1")
            .Ok(new CompleteMigrationValidation("m-1", [Uuid7(2)], Executor), Active, "peer.migration-validated.v1")
            .Ok(new CancelMigration("m-1", "operator changed plans", Operator), Active, "peer.migration-cancelled.v1").Build();
        yield return new FederationScenario("FV-022", "source ids that are not UUIDv7 are refused, recorded and raise migration_hygiene").ToActive()
            .Ok(MigrateGrant, Active, "peer.grant-issued.v1")
            .Refused(PlanMigration(plan: Plan(ConflictPolicy.Fail, Item(1), Item(2) with { SourceId = "0190f2a4-6b1e-4c3d-8e4f-000000000002" })),
                MigrationHygieneViolated, Active, Refusal, Finding).Build();
        yield return new FederationScenario("FV-023", "in-flight migrations get five minutes after revocation, then are cancelled").ToActive()
            .Ok(MigrateGrant, Active, "peer.grant-issued.v1").Ok(PlanMigration(), Active, "peer.migration-planned.v1")
            .Ok(new StartMigrationValidation("m-1", Executor), Active, "peer.migration-validation-started.v1")
            .Ok(new CompleteMigrationValidation("m-1", [], Executor), Active, "peer.migration-validated.v1")
            .Ok(Revoke(), Revoked, "peer.revoked.v1").After(TimeSpan.FromMinutes(5))
            .Refused(new CompleteMigrationTransfer("m-1", Plan().Items, Policy, Executor), MigrationGraceEnded, Revoked)
            .Ok(new EndMigrationGrace(Executor), Revoked, "peer.migration-cancelled.v1").Build();
        yield return new FederationScenario("FV-024", "a transfer that differs from the manifest fails and raises sync_stream_corrupted").ToActive()
            .Ok(MigrateGrant, Active, "peer.grant-issued.v1").Ok(PlanMigration(), Active, "peer.migration-planned.v1")
            .Ok(new StartMigrationValidation("m-1", Executor), Active, "peer.migration-validation-started.v1")
            .Ok(new CompleteMigrationValidation("m-1", [], Executor), Active, "peer.migration-validated.v1")
            .Ok(new CompleteMigrationTransfer("m-1", [Item(1)], Policy, Executor), Active, "peer.migration-failed.v1", Finding).Build();
    }
}
