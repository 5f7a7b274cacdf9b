using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;
using ActorTrust.Core.Federation.Peers;
using static ActorTrust.Core.Tests.Federation.FederationFixtures;

namespace ActorTrust.Core.Tests.Federation;

public sealed class PeerAuditTests
{
    [Fact]
    public void Every_event_carries_the_peer_id_and_grant_and_migration_events_the_remote_subject()
    {
        var run = PeerRun.WithMigrateGrant();
        run.Apply(Grant());
        run.Apply(Use());
        run.Apply(PlanMigration());
        run.Apply(new StartMigrationValidation("m-1", Executor));
        run.Apply(new RevokeGrant("g-1", "done", Operator));

        var fields = PeerAudit.FieldsOf(PeerId, run.Spec.History);

        fields.Count.ShouldBe(run.Spec.History.Count);
        fields.ShouldAllBe(f => f.FederationPeerId == PeerId);
        var bySubject = run.Spec.History.Zip(fields).Where(p => p.Second.RemoteSubject is not null).Select(p => (p.First.GetType(), p.Second.RemoteSubject)).ToList();
        bySubject.ShouldBe(
        [
            (typeof(GrantIssued), "carol@peer-b.example"),
            (typeof(GrantIssued), "alice@peer-b.example"),
            (typeof(GrantExercised), "alice@peer-b.example"),
            (typeof(MigrationPlanned), "carol@peer-b.example"),
            (typeof(MigrationValidationStarted), "carol@peer-b.example"),
            (typeof(GrantRevoked), "alice@peer-b.example"),
        ]);
    }
}
