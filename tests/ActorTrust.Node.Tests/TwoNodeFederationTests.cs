using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;
using ActorTrust.Runtime.Audit;

namespace ActorTrust.Node.Tests;

/// <summary>
/// Two real nodes, each with its own embedded SQLite journal and its own loopback port, federated over HTTP with the
/// client only: each side's peer requests go to the other node's API, as a peer's would.
/// </summary>
public sealed class TwoNodeFederationTests
{
    [Fact]
    public async Task Two_nodes_federate_over_http_migrate_revoke_and_both_journals_verify()
    {
        // A knows B by B's key (seed 104); B knows A by A's key (seed 103).
        await using var a = await Federation.StartAsync(operatorSeed: 101, peerSeed: 104);
        await using var b = await Federation.StartAsync(operatorSeed: 102, peerSeed: 103);
        a.Node.Address.Port.ShouldNotBe(b.Node.Address.Port);
        var (onA, onB) = (a.Node.Client, b.Node.Client);

        // Both publish contract 1 with the same text; the digest each peer presents is read from its own registry.
        var digestOnA = await a.PublishContractAsync();
        var digestOnB = await b.PublishContractAsync();
        digestOnB.ShouldBe(digestOnA);

        // A proposes B; B's operator accepts on A with the token and contract 1 with B's digest; B enrols and heartbeats.
        var tokenForB = (await onA.ProposePeerAsync("node-b", "operator-b", b.Node.Address.ToString(), a.PeerPublicKey, "pilot", a.OperatorKey))
            .State!.Value.GetProperty("acceptance_token").GetString()!;
        (await onA.AcceptPeerAsync("node-b", tokenForB, 1, digestOnB, a.PeerKey)).Accepted.ShouldBeTrue();
        (await onA.EnrollPeerAsync("node-b", Federation.Disclosure, Federation.Capabilities, a.PeerKey)).Accepted.ShouldBeTrue();
        (await onA.HeartbeatAsync("node-b", Federation.Disclosure, 1, a.PeerKey)).Accepted.ShouldBeTrue();

        // And the other way round: B proposes A; A accepts on B.
        var tokenForA = (await onB.ProposePeerAsync("node-a", "operator-a", a.Node.Address.ToString(), b.PeerPublicKey, "pilot", b.OperatorKey))
            .State!.Value.GetProperty("acceptance_token").GetString()!;
        (await onB.AcceptPeerAsync("node-a", tokenForA, 1, digestOnA, b.PeerKey)).Accepted.ShouldBeTrue();
        (await onB.EnrollPeerAsync("node-a", Federation.Disclosure, Federation.Capabilities, b.PeerKey)).Accepted.ShouldBeTrue();
        (await onB.HeartbeatAsync("node-a", Federation.Disclosure, 1, b.PeerKey)).Accepted.ShouldBeTrue();
        (await a.StatusAsync("node-b")).ShouldBe("active");
        (await b.StatusAsync("node-a")).ShouldBe("active");

        // A grants B migrate on vm; B migrates two records into A; A's operator applies the batch.
        var grant = await onA.IssueGrantAsync("node-b", new GrantRequest([GrantScope.Migrate], "vm", "b-operator"), a.OperatorKey);
        var (grantId, credential) = (grant.State!.Value.GetProperty("grant_id").GetString()!, grant.State!.Value.GetProperty("credential").GetString()!);
        var items = MigrationApiTests.Items(2);
        var planned = await onA.PlanMigrationAsync("node-b", grantId, credential, MigrationApiTests.Plan(items, ConflictPolicy.Fail), a.PeerKey);
        planned.Accepted.ShouldBeTrue(planned.Detail);
        var migrationId = planned.State!.Value.GetProperty("migration_id").GetString()!;
        var applied = await onA.ApplyMigrationAsync("node-b", migrationId, items, a.OperatorKey, null);
        applied.Accepted.ShouldBeTrue(applied.Detail);

        // A revokes B: terminal, every grant revoked, and the global notification emitted.
        var revoked = await onA.PeerOperatorActionAsync("node-b", "revoke", "pilot over", a.OperatorKey);
        revoked.Accepted.ShouldBeTrue(revoked.Detail);
        var refusedAfter = await onA.HeartbeatAsync("node-b", Federation.Disclosure, 1, a.PeerKey);

        (await a.StatusAsync("node-b")).ShouldBe("revoked");
        refusedAfter.Code.ShouldBe("PeerAlreadyRevoked");
        (await onA.GetMigrationAsync("node-b", migrationId))!.Value.GetProperty("status").GetString().ShouldBe("completed");
        (await VerifyAsync(a.Node)).IsClean.ShouldBeTrue();
        (await VerifyAsync(b.Node)).IsClean.ShouldBeTrue();
        using var excerpt = new MemoryStream(await onA.GetPeerAuditAsync("node-b"));
        (await AuditVerifier.VerifyAllAsync(await AuditExport.ReadAsync(excerpt, CancellationToken.None), new AuditOptions(), null, CancellationToken.None)).IsClean.ShouldBeTrue();
    }

    // What `actortrust audit verify` does, over the node's own journal, trusting its node key for checkpoints.
    private static async Task<AuditReport> VerifyAsync(NodeFixture node)
    {
        await node.Runtime.Checkpointer.CheckpointAsync(CancellationToken.None);
        var report = await AuditVerifier.VerifyAllAsync(node.Runtime.Journal, new AuditOptions { TrustedNodeKeys = [node.Runtime.NodeKey.PublicKey] }, null, CancellationToken.None);
        report.Violations.ShouldBeEmpty();
        report.CheckpointsVerified.ShouldBeGreaterThan(0);
        return report;
    }
}
