using ActorTrust.Client;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Lineage;
using ActorTrust.Core.Receipts;
using ActorTrust.TestKit.Trust;

namespace ActorTrust.Cli.Tests;

public sealed class CertificationCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly TrustScenario _trust = new("lineage.example", seed: 5, executors: 1);

    public void Dispose()
    {
        _trust.Dispose();
        _cli.Dispose();
    }

    [Fact]
    public async Task Executor_signed_receipt_is_certified_listed_and_verifies_offline_from_a_journal_export()
    {
        await using var node = await TestNode.StartAsync();
        await CreateDomainAsync(node);
        await File.WriteAllTextAsync(_cli.PathOf("receipt.dsse"), CertificationSigning.SignReceiptToJson(Receipt(), TrustScenario.SignerOf(_trust.Executor(0))));

        var certify = await _cli.Run("domain", "certify", _trust.DomainId, _cli.PathOf("receipt.dsse"), "--node", node.Url);
        var list = await _cli.Run("domain", "receipts", _trust.DomainId, "--node", node.Url);
        (await _cli.Run("audit", "export", "--data", node.DataDir, "--out", _cli.PathOf("journal.jsonl"))).Exit.ShouldBe(0);
        var verify = await _cli.Run("verify", "receipt", _cli.PathOf("receipt.dsse"), "--journal", _cli.PathOf("journal.jsonl"), "--domain", _trust.DomainId);

        certify.Exit.ShouldBe(0, certify.Out + certify.Err);
        certify.Out.ShouldContain("receipt recorded in domain lineage.example");
        list.Out.ShouldContain("certified  by " + _trust.Executor(0).PublicKey.KeyId);
        verify.Exit.ShouldBe(0, verify.Out + verify.Err);
        verify.Out.ShouldContain("CERTIFIED sha256:");
    }

    [Fact]
    public async Task Domain_history_exports_the_authority_history_a_receipt_then_verifies_against_offline()
    {
        await using var node = await TestNode.StartAsync();
        await CreateDomainAsync(node);
        await File.WriteAllTextAsync(_cli.PathOf("receipt.dsse"), CertificationSigning.SignReceiptToJson(Receipt(), TrustScenario.SignerOf(_trust.Executor(0))));
        (await _cli.Run("domain", "certify", _trust.DomainId, _cli.PathOf("receipt.dsse"), "--node", node.Url)).Exit.ShouldBe(0);

        var export = await _cli.Run("domain", "history", _trust.DomainId, "--out", _cli.PathOf("history.json"), "--node", node.Url);
        var missing = await _cli.Run("domain", "history", "nowhere.example", "--node", node.Url);
        var verify = await _cli.Run("verify", "receipt", _cli.PathOf("receipt.dsse"), "--history", _cli.PathOf("history.json"));

        export.Exit.ShouldBe(0, export.Out + export.Err);
        verify.Exit.ShouldBe(0, verify.Out + verify.Err);
        verify.Out.ShouldContain("CERTIFIED sha256:");
        missing.Exit.ShouldBe(3, missing.Out + missing.Err);
    }

    [Fact]
    public async Task A_history_with_an_edited_manifest_envelope_is_refused_offline()
    {
        await using var node = await TestNode.StartAsync();
        await CreateDomainAsync(node);
        await File.WriteAllTextAsync(_cli.PathOf("receipt.dsse"), CertificationSigning.SignReceiptToJson(Receipt(), TrustScenario.SignerOf(_trust.Executor(0))));
        (await _cli.Run("domain", "history", _trust.DomainId, "--out", _cli.PathOf("history.json"), "--node", node.Url)).Exit.ShouldBe(0);
        var history = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(_cli.PathOf("history.json")))!;
        var envelope = System.Text.Json.Nodes.JsonNode.Parse((string)history["manifests"]![0]!["envelope"]!)!;
        var sig = (string)envelope["signatures"]![0]!["sig"]!;
        envelope["signatures"]![0]!["sig"] = (sig[0] == 'A' ? "B" : "A") + sig[1..];
        history["manifests"]![0]!["envelope"] = envelope.ToJsonString();
        await File.WriteAllTextAsync(_cli.PathOf("history.json"), history.ToJsonString());

        var verify = await _cli.Run("verify", "receipt", _cli.PathOf("receipt.dsse"), "--history", _cli.PathOf("history.json"));

        verify.Exit.ShouldBe(3, verify.Out + verify.Err);
        verify.Out.ShouldContain("AuthorityHistoryInvalid");
    }

    [Fact]
    public async Task Receipt_signed_without_the_executor_role_is_refused_by_the_node_and_offline()
    {
        await using var node = await TestNode.StartAsync();
        await CreateDomainAsync(node);
        await File.WriteAllTextAsync(_cli.PathOf("receipt.dsse"), CertificationSigning.SignReceiptToJson(Receipt(), TrustScenario.SignerOf(_trust.Publisher)));

        var certify = await _cli.Run("domain", "certify", _trust.DomainId, _cli.PathOf("receipt.dsse"), "--node", node.Url);
        (await _cli.Run("audit", "export", "--data", node.DataDir, "--out", _cli.PathOf("journal.jsonl"))).Exit.ShouldBe(0);
        var verify = await _cli.Run("verify", "receipt", _cli.PathOf("receipt.dsse"), "--journal", _cli.PathOf("journal.jsonl"), "--domain", _trust.DomainId);

        certify.Exit.ShouldBe(3);
        certify.Out.ShouldContain("REFUSED SignerNotExecutor");
        verify.Exit.ShouldBe(3);
        verify.Out.ShouldContain("REFUSED SignerNotExecutor");
    }

    [Fact]
    public async Task Publication_signed_by_the_publisher_is_recorded_and_verifies_offline()
    {
        await using var node = await TestNode.StartAsync();
        await CreateDomainAsync(node);
        var statement = new CertificationStatement(CertificationStatement.SchemaV1, StatementKind.Publication, _trust.DomainId, 1,
            new CertifiedSubject("artifact", Digest.Sha256("artifact"u8)), "published");
        await File.WriteAllTextAsync(_cli.PathOf("publication.dsse"), CertificationSigning.SignStatementToJson(statement, TrustScenario.SignerOf(_trust.Publisher)));

        var certify = await _cli.Run("domain", "certify", _trust.DomainId, _cli.PathOf("publication.dsse"), "--node", node.Url);
        (await _cli.Run("audit", "export", "--data", node.DataDir, "--out", _cli.PathOf("journal.jsonl"))).Exit.ShouldBe(0);
        var verify = await _cli.Run("verify", "certification", _cli.PathOf("publication.dsse"), "--journal", _cli.PathOf("journal.jsonl"), "--domain", _trust.DomainId);

        certify.Exit.ShouldBe(0, certify.Out + certify.Err);
        certify.Out.ShouldContain("certification recorded");
        verify.Exit.ShouldBe(0, verify.Out + verify.Err);
        verify.Out.ShouldContain("VERIFIED sha256:");
    }

    [Fact]
    public async Task Verify_receipt_without_an_authority_history_is_bad_input()
    {
        await File.WriteAllTextAsync(_cli.PathOf("receipt.json"), CertificationSigning.UnsignedReceiptJson(Receipt()));

        var verify = await _cli.Run("verify", "receipt", _cli.PathOf("receipt.json"));

        verify.Exit.ShouldBe(1);
    }

    private ExecutionReceipt Receipt() =>
        ExecutionReceipt.Create(_trust.DomainId, 1, Digest.Sha256("output"u8), [Digest.Sha256("input"u8)], "pel:program/archive@1",
            new ReceiptLineage(SpiffeId.Parse(_trust.AgentId("mover")), Epoch.First));

    private async Task CreateDomainAsync(TestNode node)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
        (await new ActorTrustClient(http).CreateDomainAsync(_trust.CreateDomainEnvelope())).Accepted.ShouldBeTrue();
    }
}
