using ActorTrust.Core.Federation.Governance;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

public sealed class MigrationTests
{
    private static readonly string[] SecondExists = [Uuid7(2)];

    [Fact]
    public void Skip_if_exists_applies_every_item_in_one_event_keeping_ours_and_logging_the_conflict()
    {
        var run = Transferred(ConflictPolicy.SkipIfExists);

        var applied = run.Apply(new ApplyMigration("m-1", SecondExists, Executor)).ShouldHaveSingleItem().ShouldBeOfType<MigrationApplied>();

        applied.Outcomes.Select(o => (o.SourceId, o.Action)).ShouldBe([(Uuid7(1), MigrationAction.Create), (Uuid7(2), MigrationAction.Skip), (Uuid7(3), MigrationAction.Create)]);
        applied.ConflictLog.ShouldBe([new MigrationConflict(Uuid7(2), ConflictPolicy.SkipIfExists, "exists here; ours was kept")]);
        applied.Outcomes.Select(o => o.SourceId).ShouldBe(Plan().Items.Select(i => i.SourceId));
        (applied.MigrationOnly, applied.RemoteSubject).ShouldBe((true, "carol@peer-b.example"));
        run.State.Migration("m-1")!.Status.ShouldBe(MigrationStatus.Completed);
    }

    [Fact]
    public void Overwrite_replaces_ours_and_logs_the_conflict()
    {
        var applied = Transferred(ConflictPolicy.Overwrite).Apply(new ApplyMigration("m-1", SecondExists, Executor)).OfType<MigrationApplied>().Single();

        applied.Outcomes[1].Action.ShouldBe(MigrationAction.Overwrite);
        applied.ConflictLog.Single().Policy.ShouldBe(ConflictPolicy.Overwrite);
    }

    [Fact]
    public void Fail_stops_at_validation_and_a_new_policy_revalidates()
    {
        var run = Planned(ConflictPolicy.Fail);
        run.Apply(new StartMigrationValidation("m-1", Executor));

        var conflicted = run.Apply(new CompleteMigrationValidation("m-1", SecondExists, Executor)).ShouldHaveSingleItem().ShouldBeOfType<MigrationConflicted>();
        conflicted.Conflicts.Single().SourceId.ShouldBe(Uuid7(2));
        run.When(new CompleteMigrationTransfer("m-1", Plan().Items, Policy, Executor)).ShouldBeRejectedWith(MigrationTransitionNotAllowed);

        run.Apply(new StartMigrationValidation("m-1", Operator, ConflictPolicy.SkipIfExists)).OfType<MigrationValidationStarted>().Single().ConflictPolicy.ShouldBe(ConflictPolicy.SkipIfExists);
        run.Apply(new CompleteMigrationValidation("m-1", SecondExists, Executor)).ShouldHaveSingleItem().ShouldBeOfType<MigrationValidated>();
        run.State.Migration("m-1")!.Status.ShouldBe(MigrationStatus.Transferring);
    }

    [Fact]
    public void Fail_with_a_conflict_found_at_apply_time_applies_nothing()
    {
        var run = Transferred(ConflictPolicy.Fail);

        var failed = run.Apply(new ApplyMigration("m-1", SecondExists, Executor)).ShouldHaveSingleItem().ShouldBeOfType<MigrationFailed>();

        failed.ConflictLog!.Single().SourceId.ShouldBe(Uuid7(2));
        run.Spec.History.OfType<MigrationApplied>().ShouldBeEmpty();
        run.State.Migration("m-1")!.Status.ShouldBe(MigrationStatus.Failed);
    }

    [Theory]
    [InlineData("0190f2a4-6b1e-4c3d-8e4f-000000000001", "not a lowercase UUIDv7")]
    [InlineData("0190F2A4-6B1E-7C3D-8E4F-000000000001", "not a lowercase UUIDv7")]
    [InlineData("0190f2a4-6b1e-7c3d-ce4f-000000000001", "not a lowercase UUIDv7")]
    [InlineData("0190f2a46b1e7c3d8e4f000000000001", "not a lowercase UUIDv7")]
    [InlineData("remapped-42", "not a lowercase UUIDv7")]
    public void Source_ids_that_are_not_uuidv7_are_refused_recorded_and_raise_a_hygiene_finding(string sourceId, string reason)
    {
        var run = PeerRun.WithMigrateGrant();

        var refused = run.Record(PlanMigration(plan: Plan(ConflictPolicy.SkipIfExists, Item(1), Item(2) with { SourceId = sourceId })));

        refused.Rejection!.Code.ShouldBe(MigrationHygieneViolated);
        refused.Rejection.Message.ShouldContain(reason);
        refused.Events[0].ShouldBeOfType<PeerCommandRefused>();
        var finding = refused.Events[1].ShouldBeOfType<FindingRaised>();
        (finding.Kind, finding.Norm, finding.Commitment).ShouldBe((FindingKind.MigrationHygiene, NormClass.Hard, 7));
        run.State.Migrations.ShouldBeEmpty();
    }

    [Fact]
    public void Repeated_ids_and_kinds_outside_the_grant_break_hygiene_too()
    {
        PeerRun.WithMigrateGrant().When(PlanMigration(plan: Plan(ConflictPolicy.Fail, Item(1), Item(1)))).Rejection!.Code.ShouldBe(MigrationHygieneViolated);
        PeerRun.WithMigrateGrant().When(PlanMigration(plan: Plan(ConflictPolicy.Fail, Item(1), Item(2, "dataset")))).Rejection!.Code.ShouldBe(MigrationHygieneViolated);
    }

    [Fact]
    public void Planning_needs_a_grant_with_migrate_scope_for_the_kind()
    {
        var run = PeerRun.In(PeerStatus.Active);
        run.Apply(Grant("g-m"));

        run.Record(PlanMigration()).Rejection!.Code.ShouldBe(GrantScopeNotCovered);
        run.Record(PlanMigration(credential: Credential[..^1] + "x")).Rejection!.Code.ShouldBe(GrantCredentialInvalid);
        run.State.Migrations.ShouldBeEmpty();
    }

    [Fact]
    public void Cross_jurisdiction_is_recorded_when_the_peer_is_elsewhere()
    {
        Planned(ConflictPolicy.Fail).State.Migration("m-1")!.Planned.CrossJurisdiction.ShouldBeFalse();

        var run = PeerRun.WithMigrateGrant();
        run.Apply(Heartbeat(Disclosure with { Jurisdiction = "US-CA" }));
        var planned = run.Apply(PlanMigration()).OfType<MigrationPlanned>().Single();

        (planned.PeerJurisdiction, planned.OurJurisdiction, planned.CrossJurisdiction).ShouldBe(("US-CA", "EU", true));
    }

    [Fact]
    public void A_transfer_that_is_not_the_manifest_fails_the_migration_and_raises_sync_stream_corrupted()
    {
        var run = Validated(ConflictPolicy.SkipIfExists);
        MigrationItem[] tampered = [Item(1), Item(2) with { ContentDigest = Item(9).ContentDigest }, Item(3)];

        var events = run.Apply(new CompleteMigrationTransfer("m-1", tampered, Policy, Executor));

        events[0].ShouldBeOfType<MigrationFailed>().Reason.ShouldContain(Uuid7(2));
        events[1].ShouldBeOfType<FindingRaised>().Kind.ShouldBe(FindingKind.SyncStreamCorrupted);
        Validated(ConflictPolicy.SkipIfExists).Apply(new CompleteMigrationTransfer("m-1", [Item(1), Item(2)], Policy, Executor))[0].ShouldBeOfType<MigrationFailed>();
    }

    [Fact]
    public void In_flight_migrations_may_finish_within_five_minutes_of_revocation_and_are_then_cancelled()
    {
        var finishing = Validated(ConflictPolicy.SkipIfExists).Then(Revoke());
        finishing.State.Revocation!.InFlightMigrationIds.ShouldBe(["m-1"]);
        finishing.Advance(PeerLifecycle.MigrationGrace - TimeSpan.FromMilliseconds(1)).Apply(new CompleteMigrationTransfer("m-1", Plan().Items, Policy, Executor));

        var late = Validated(ConflictPolicy.SkipIfExists).Then(Revoke()).Advance(PeerLifecycle.MigrationGrace);
        late.When(new CompleteMigrationTransfer("m-1", Plan().Items, Policy, Executor)).ShouldBeRejectedWith(MigrationGraceEnded);
        var cancelled = late.Apply(new EndMigrationGrace(Executor)).ShouldHaveSingleItem().ShouldBeOfType<MigrationCancelled>();

        cancelled.MigrationId.ShouldBe("m-1");
        late.When(new EndMigrationGrace(Executor)).ShouldBeAccepted().ShouldBeEmpty();
        late.When(PlanMigration("m-2")).ShouldBeRejectedWith(PeerAlreadyRevoked);
    }

    [Fact]
    public void At_the_end_of_the_grace_an_applying_migration_fails_and_completed_data_stays()
    {
        var run = Transferred(ConflictPolicy.SkipIfExists);
        run.Apply(PlanMigration("m-2", Plan(ConflictPolicy.SkipIfExists, Item(7))));
        run.Apply(new StartMigrationValidation("m-2", Executor));
        run.Apply(new CompleteMigrationValidation("m-2", [], Executor));
        run.Apply(new CompleteMigrationTransfer("m-2", [Item(7)], Policy, Executor));
        run.Apply(new ApplyMigration("m-2", [], Executor)).ShouldHaveSingleItem().ShouldBeOfType<MigrationApplied>();
        run.Apply(Revoke());

        run.Advance(TimeSpan.FromMinutes(1)).When(new EndMigrationGrace(Executor)).ShouldBeAccepted().ShouldBeEmpty();
        var ended = run.Advance(PeerLifecycle.MigrationGrace).Apply(new EndMigrationGrace(Executor));

        ended.ShouldHaveSingleItem().ShouldBeOfType<MigrationFailed>().MigrationId.ShouldBe("m-1");
        run.State.Migration("m-2")!.Status.ShouldBe(MigrationStatus.Completed);
    }

    [Fact]
    public void A_revoked_grant_stops_progress_but_not_cancellation()
    {
        var run = Planned(ConflictPolicy.SkipIfExists);
        run.Apply(new RevokeGrant("g-m", "no more migrations", Operator));

        run.When(new StartMigrationValidation("m-1", Executor)).ShouldBeRejectedWith(GrantNotHonoured);
        run.Apply(new CancelMigration("m-1", "grant revoked", Peer)).ShouldHaveSingleItem().ShouldBeOfType<MigrationCancelled>();
    }

    [Fact]
    public void Existing_ids_outside_the_manifest_are_a_node_fault()
    {
        Planned(ConflictPolicy.SkipIfExists).Then(new StartMigrationValidation("m-1", Executor))
            .When(new CompleteMigrationValidation("m-1", [Uuid7(99)], Executor)).ShouldBeRejectedWith(CommandInvalid);
    }

    internal static PeerRun Planned(ConflictPolicy policy) => PeerRun.WithMigrateGrant().Then(PlanMigration(plan: Plan(policy)));

    internal static PeerRun Validated(ConflictPolicy policy) =>
        Planned(policy).Then(new StartMigrationValidation("m-1", Executor)).Then(new CompleteMigrationValidation("m-1", policy == ConflictPolicy.Fail ? [] : SecondExists, Executor));

    internal static PeerRun Transferred(ConflictPolicy policy) => Validated(policy).Then(new CompleteMigrationTransfer("m-1", Plan().Items, Policy, Executor));
}
