using ActorTrust.Client;
using ActorTrust.TestKit.Trust;
using Microsoft.Data.Sqlite;

namespace ActorTrust.EndToEnd.Tests;

/// <summary>
/// A real node process driven by the .NET client and the real CLI: commands, a graceful restart, a SIGKILL,
/// audit replay and verification of the SQLite journal — and tampering that the audit must catch.
/// </summary>
public sealed class NodeLifecycleTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "actortrust-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly TrustScenario _trust = new();

    public NodeLifecycleTests() => Directory.CreateDirectory(_dir);

    private string Data => Path.Combine(_dir, "data");

    public void Dispose()
    {
        _trust.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Node_driven_by_client_and_cli_keeps_state_across_restart_and_crash_and_its_audit_log_verifies()
    {
        var agentId = _trust.AgentId("planner");
        var manifest = _trust.AgentManifest(agentId, DateTimeOffset.UtcNow);
        await using (var node = await NodeProcess.StartAsync(_dir, Data))
        {
            var client = Client(node);
            (await client.CreateDomainAsync(_trust.CreateDomainEnvelope(), "create-domain")).Accepted.ShouldBeTrue();
            File.WriteAllText(Path.Combine(_dir, "agent.dsse"), _trust.Sign(manifest));
            var register = await ActorTrustProcess.RunAsync(_dir, "agent", "register", "--envelope", "agent.dsse", "--node", node.Address.ToString(), "--command-id", "register-1");
            register.Exit.ShouldBe(0, register.Describe());
            await node.StopAsync();
            node.ExitCode.ShouldBe(0, node.Log);
        }

        await using (var node = await NodeProcess.StartAsync(_dir, Data))
        {
            var client = Client(node);
            (await client.GetAgentAsync(agentId)).ShouldNotBeNull().GetProperty("status").GetString().ShouldBe("active");
            var retry = await ActorTrustProcess.RunAsync(_dir, "agent", "register", "--envelope", "agent.dsse", "--node", node.Address.ToString(), "--command-id", "register-1");
            retry.Out.ShouldContain("duplicate", Case.Insensitive, retry.Describe());
            (await client.RevokeAgentAsync(agentId, _trust.Revocation(agentId, manifest.ManifestId, DateTimeOffset.UtcNow))).Accepted.ShouldBeTrue();
            await node.KillAsync();
        }

        await using (var node = await NodeProcess.StartAsync(_dir, Data))
        {
            (await Client(node).GetAgentAsync(agentId)).ShouldNotBeNull().GetProperty("status").GetString().ShouldBe("revoked");
            var replay = await ActorTrustProcess.RunAsync(_dir, "audit", "replay", $"agent/{agentId}", "--data", Data);
            replay.Exit.ShouldBe(0, replay.Describe());
            replay.Out.ShouldContain("agent.registered.v1");
            replay.Out.ShouldContain("agent.revoked.v1");
            replay.Out.ShouldContain("VERIFIED: 2 events");
            await node.StopAsync();
        }

        var verify = await ActorTrustProcess.RunAsync(_dir, "audit", "verify", "--data", Data, "--json");
        verify.Exit.ShouldBe(0, verify.Describe());
        verify.Out.ShouldContain("\"clean\": true");
    }

    [Fact]
    public async Task Audit_verify_names_the_first_broken_link_after_an_event_is_edited_in_the_database()
    {
        await SeedAndStopAsync();
        Execute("UPDATE journal SET payload = CAST(replace(CAST(payload AS TEXT), 'example.org', 'evil.example') AS BLOB) WHERE persistence_id = 'domain|example.org' AND seq_nr = 1");

        var verify = await ActorTrustProcess.RunAsync(_dir, "audit", "verify", "--data", Data);

        verify.Exit.ShouldBe(3, verify.Describe());
        verify.Out.ShouldContain("domain|example.org at seq 1: HashMismatch");
    }

    [Fact]
    public async Task Audit_verify_reports_a_tail_truncated_after_the_last_checkpoint()
    {
        var agentId = await SeedAndStopAsync();
        Execute($"DELETE FROM journal WHERE persistence_id = 'agent|{agentId}' AND seq_nr = 2");

        var verify = await ActorTrustProcess.RunAsync(_dir, "audit", "verify", "--data", Data);

        verify.Exit.ShouldBe(3, verify.Describe());
        verify.Out.ShouldContain($"agent|{agentId}");
        verify.Out.ShouldContain("Truncated");
    }

    [Fact]
    public async Task A_checkpoint_kept_outside_the_node_catches_a_tail_cut_together_with_the_checkpoint_stream()
    {
        var agentId = _trust.AgentId("planner");
        await using (var node = await NodeProcess.StartAsync(_dir, Data))
        {
            var client = Client(node);
            (await client.CreateDomainAsync(_trust.CreateDomainEnvelope())).Accepted.ShouldBeTrue();
            var first = _trust.AgentManifest(agentId, DateTimeOffset.UtcNow);
            (await client.RegisterAgentAsync(_trust.Sign(first))).Accepted.ShouldBeTrue();
            (await client.RotateAgentAsync(agentId, _trust.Sign(_trust.AgentManifest(agentId, DateTimeOffset.UtcNow.AddSeconds(1), first.ManifestId, "2")))).Accepted.ShouldBeTrue();
            var saved = await ActorTrustProcess.RunAsync(_dir, "audit", "checkpoint", "--node", node.Address.ToString(), "--out", "kept.dsse");
            saved.Exit.ShouldBe(0, saved.Describe());
            await node.StopAsync();
        }

        Execute($"DELETE FROM journal WHERE persistence_id = 'agent|{agentId}' AND seq_nr = 2");
        ExecuteAny("DELETE FROM journal WHERE persistence_id = 'audit|checkpoints'");

        var verify = await ActorTrustProcess.RunAsync(_dir, "audit", "verify", "--data", Data, "--checkpoint", "kept.dsse");

        verify.Exit.ShouldBe(3, verify.Describe());
        verify.Out.ShouldContain($"agent|{agentId}");
    }

    [Fact]
    public async Task Exported_journal_verifies_offline_and_a_tampered_export_does_not()
    {
        await SeedAndStopAsync();
        var export = await ActorTrustProcess.RunAsync(_dir, "audit", "export", "--data", Data, "--out", "journal.jsonl");
        export.Exit.ShouldBe(0, export.Describe());

        (await ActorTrustProcess.RunAsync(_dir, "audit", "verify", "--export", "journal.jsonl", "--trust", Path.Combine(Data, "node.key"))).Exit.ShouldBe(0);
        var lines = File.ReadAllLines(Path.Combine(_dir, "journal.jsonl"));
        (lines[0], lines[1]) = (lines[1], lines[0]);
        File.WriteAllLines(Path.Combine(_dir, "journal.jsonl"), lines);
        (await ActorTrustProcess.RunAsync(_dir, "audit", "verify", "--export", "journal.jsonl", "--trust", Path.Combine(Data, "node.key"))).Exit.ShouldBe(3);
    }

    private async Task<string> SeedAndStopAsync()
    {
        var agentId = _trust.AgentId("planner");
        await using var node = await NodeProcess.StartAsync(_dir, Data);
        var client = Client(node);
        (await client.CreateDomainAsync(_trust.CreateDomainEnvelope())).Accepted.ShouldBeTrue();
        var first = _trust.AgentManifest(agentId, DateTimeOffset.UtcNow);
        (await client.RegisterAgentAsync(_trust.Sign(first))).Accepted.ShouldBeTrue();
        (await client.RotateAgentAsync(agentId, _trust.Sign(_trust.AgentManifest(agentId, DateTimeOffset.UtcNow.AddSeconds(1), first.ManifestId, "2")))).Accepted.ShouldBeTrue();
        await node.StopAsync(); // the final checkpoint covers every stream head
        return agentId;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "journal.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery().ShouldBe(1, sql);
    }

    private void ExecuteAny(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "journal.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery().ShouldBeGreaterThan(0, sql);
    }

    private static ActorTrustClient Client(NodeProcess node) =>
        new(new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(30) });
}
