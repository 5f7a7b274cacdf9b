using ActorTrust.Core.Domains;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Receipts;
using ActorTrust.Core.Tests.TestSupport;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Tests.Domains.DomainFixtures;

namespace ActorTrust.Core.Tests.Receipts;

/// <summary>
/// A domain (factory.example) whose version 1 (journal position 1) has publisher 20, auditor 21, executor 22 and
/// producer 24, and whose version 2 (accepted at position 2) keeps 20 and 21, drops 22 and adds executor 23. Key 25
/// belongs to nobody. Receipts are pinned to position 1 unless said otherwise.
/// </summary>
internal static class ReceiptFixtures
{
    public const int Publisher = 20;
    public const int Auditor = 21;
    public const int Executor = 22;
    public const int NewExecutor = 23;
    public const int Producer = 24;
    public const int Outsider = 25;

    public static readonly SpiffeId Agent = SpiffeId.Parse("spiffe://factory.example/agent/material-movement/dev");

    public static DomainAuthorityManifest ManifestV1 { get; } = Manifest(1, V1Roots, 2, principals:
        [Principal(Publisher, DomainRole.Publisher), Principal(Auditor, DomainRole.Auditor), Principal(Executor, DomainRole.Executor), Principal(Producer, DomainRole.Producer)]);

    public static DomainAuthorityManifest ManifestV2 { get; } = Manifest(2, V2Roots, 2, DigestOf(ManifestV1),
        [Principal(Publisher, DomainRole.Publisher), Principal(Auditor, DomainRole.Auditor), Principal(NewExecutor, DomainRole.Executor)]);

    public static Digest D(string text) => Digest.Sha256(System.Text.Encoding.UTF8.GetBytes(text));

    public static ExecutionReceipt Receipt(long position = 1, string domainId = DomainId) =>
        ExecutionReceipt.Create(domainId, position, D("output"), [D("input b"), D("input a")], "pel:program/archive-home@1", new ReceiptLineage(Agent, new Epoch(2, 1)));

    public static string SignedReceipt(ExecutionReceipt receipt, params int[] signers) =>
        CertificationSigning.SignReceiptToJson(receipt, [.. signers.Select(TestKeys.Signer)]);

    public static CertificationStatement Statement(StatementKind kind, long position = 1, Digest? subject = null) =>
        new(CertificationStatement.SchemaV1, kind, DomainId, position, new CertifiedSubject("execution-receipt", subject ?? D("receipt")), "archived /home as of position 1");

    public static string SignedStatement(CertificationStatement statement, params int[] signers) =>
        CertificationSigning.SignStatementToJson(statement, [.. signers.Select(TestKeys.Signer)]);

    /// <summary>The domain with version 1 only (journal length 1).</summary>
    public static DeciderSpec<DomainState, DomainCommand, DomainEvent> CreatedV1()
    {
        var spec = Spec();
        spec.Apply(new CreateDomain(Sign(ManifestV1, 0, 1)), Now);
        return spec;
    }

    /// <summary>The domain rotated to version 2 at position 2.</summary>
    public static DeciderSpec<DomainState, DomainCommand, DomainEvent> RotatedToV2()
    {
        var spec = CreatedV1();
        spec.Apply(new RotateDomain(Sign(ManifestV2, 0, 1, 3, 4)), Now.AddHours(1));
        return spec;
    }

    /// <summary>The exported authority history of <paramref name="spec"/>'s journal.</summary>
    public static AuthorityHistory History(DeciderSpec<DomainState, DomainCommand, DomainEvent> spec) =>
        AuthorityHistory.FromJournal(DomainId, spec.History.Select((e, i) => ((long)i + 1, e)));

    public static Decision<DomainEvent> Record(this DeciderSpec<DomainState, DomainCommand, DomainEvent> spec, string receipt) =>
        spec.When(new CertifyReceipt(receipt), Now.AddHours(2));
}
