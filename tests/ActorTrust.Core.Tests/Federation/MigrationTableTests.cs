using ActorTrust.Core.Federation.Migrations;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;
using static ActorTrust.Core.Tests.Federation.MigrationTests;

namespace ActorTrust.Core.Tests.Federation;

public sealed class MigrationTableTests
{
    [Fact]
    public void Steps_outside_the_migration_table_are_refused()
    {
        var run = Planned(ConflictPolicy.SkipIfExists);

        run.When(new ApplyMigration("m-1", [], Executor)).ShouldBeRejectedWith(MigrationTransitionNotAllowed);
        run.When(new CompleteMigrationValidation("m-1", [], Executor)).ShouldBeRejectedWith(MigrationTransitionNotAllowed);
        run.When(new ApplyMigration("m-9", [], Executor)).ShouldBeRejectedWith(MigrationNotFound);
        run.Apply(new CancelMigration("m-1", "operator changed plans", Operator));
        run.When(new StartMigrationValidation("m-1", Executor)).ShouldBeRejectedWith(MigrationTransitionNotAllowed);
        run.When(new FailMigration("m-1", "late", Executor)).ShouldBeRejectedWith(MigrationTransitionNotAllowed);
        Transferred(ConflictPolicy.Fail).When(new CancelMigration("m-1", "too late", Operator)).ShouldBeRejectedWith(MigrationTransitionNotAllowed);
    }

    [Fact]
    public void The_migration_table_is_the_one_from_the_issue()
    {
        MigrationTransitions.Table[MigrationStatus.Planned].ShouldBe([MigrationStatus.Validating, MigrationStatus.Cancelled], ignoreOrder: true);
        MigrationTransitions.Table[MigrationStatus.Applying].ShouldBe([MigrationStatus.Completed, MigrationStatus.Failed], ignoreOrder: true);
        new[] { MigrationStatus.Completed, MigrationStatus.Failed, MigrationStatus.Cancelled }.ShouldAllBe(s => MigrationTransitions.Table[s].Count == 0);
    }
}
