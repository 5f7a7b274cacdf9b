using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Receipts;
using ActorTrust.TestKit.Trust;

namespace ActorTrust.Node.Tests;

public sealed class DomainReceiptApiTests
{
    [Fact]
    public async Task Receipt_signed_by_an_executor_is_certified_and_listed()
    {
        await using var lineage = await LineageNode.StartAsync();
        var receipt = Receipt(lineage);

        var outcome = await lineage.Client.RecordReceiptAsync(lineage.Trust.DomainId, CertificationSigning.SignReceiptToJson(receipt, TrustScenario.SignerOf(lineage.A)));
        var listed = (await lineage.Client.GetReceiptsAsync(lineage.Trust.DomainId)).ShouldNotBeNull();

        outcome.Accepted.ShouldBeTrue(outcome.Detail);
        var stored = listed.GetProperty("receipts").EnumerateArray().ShouldHaveSingleItem();
        stored.GetProperty("standing").GetString().ShouldBe("certified");
        stored.GetProperty("signer_key_id").GetString().ShouldBe(lineage.A.PublicKey.KeyId.ToString());
    }

    [Fact]
    public async Task Receipt_signed_by_a_key_without_the_executor_role_is_refused_and_not_listed()
    {
        await using var lineage = await LineageNode.StartAsync();

        var outcome = await lineage.Client.RecordReceiptAsync(lineage.Trust.DomainId,
            CertificationSigning.SignReceiptToJson(Receipt(lineage), TrustScenario.SignerOf(lineage.Trust.Publisher)));
        var listed = (await lineage.Client.GetReceiptsAsync(lineage.Trust.DomainId)).ShouldNotBeNull();

        outcome.Accepted.ShouldBeFalse();
        outcome.Code.ShouldBe(CertificationCodes.SignerNotExecutor);
        listed.GetProperty("receipts").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Unsigned_receipt_is_recorded_as_informational()
    {
        await using var lineage = await LineageNode.StartAsync();

        var outcome = await lineage.Client.RecordReceiptAsync(lineage.Trust.DomainId, CertificationSigning.UnsignedReceiptJson(Receipt(lineage)));
        var listed = (await lineage.Client.GetReceiptsAsync(lineage.Trust.DomainId)).ShouldNotBeNull();

        outcome.Accepted.ShouldBeTrue(outcome.Detail);
        listed.GetProperty("receipts").EnumerateArray().ShouldHaveSingleItem().GetProperty("standing").GetString().ShouldBe("informational");
    }

    [Fact]
    public async Task Publication_signed_by_the_publisher_is_certified_and_one_signed_by_the_auditor_is_refused()
    {
        await using var lineage = await LineageNode.StartAsync();
        var statement = new CertificationStatement(CertificationStatement.SchemaV1, StatementKind.Publication, lineage.Trust.DomainId, 1,
            new CertifiedSubject("artifact", Digest.Sha256("artifact"u8)), "published");

        var byPublisher = await lineage.Client.CertifyAsync(lineage.Trust.DomainId, CertificationSigning.SignStatementToJson(statement, TrustScenario.SignerOf(lineage.Trust.Publisher)));
        var byAuditor = await lineage.Client.CertifyAsync(lineage.Trust.DomainId, CertificationSigning.SignStatementToJson(statement, TrustScenario.SignerOf(lineage.Trust.Auditor)));

        byPublisher.Accepted.ShouldBeTrue(byPublisher.Detail);
        byAuditor.Code.ShouldBe(CertificationCodes.SignerLacksRole);
    }

    [Fact]
    public async Task Receipt_body_without_a_receipt_is_a_bad_request()
    {
        await using var lineage = await LineageNode.StartAsync();

        using var response = await lineage.Node.Http.PostAsync(new Uri("v1/domains/lineage.example/receipts", UriKind.Relative),
            new StringContent("""{"command_id":"c1"}""", System.Text.Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).ShouldBe(400);
    }

    private static ExecutionReceipt Receipt(LineageNode lineage) =>
        ExecutionReceipt.Create(lineage.Trust.DomainId, 1, Digest.Sha256("output"u8), [Digest.Sha256("input"u8)], "pel:program/archive@1",
            new ReceiptLineage(SpiffeId.Parse(lineage.AgentId), Epoch.First));
}
