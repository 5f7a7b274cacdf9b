using System.Net;
using System.Text;
using ActorTrust.Client;
using ActorTrust.Core.Lineage;
using ActorTrust.Node.Security;
using ActorTrust.Node.Tests.Security;
using ActorTrust.TestKit.Trust;
using static ActorTrust.Node.Tests.Limits.NodeProbe;
using static ActorTrust.Node.Tests.LineageNode;

namespace ActorTrust.Node.Tests;

/// <summary>Grant, recover and retire are recorded under the principal the node authenticated, never one the body names.</summary>
public sealed class LineageOperatorTests
{
    [Theory]
    [InlineData("grant", """{"executor":"EXECUTOR","operator":"mallory","command_id":"c-1"}""")]
    [InlineData("recover", """{"executor":"EXECUTOR","operator":"mallory","command_id":"c-2"}""")]
    [InlineData("retire", """{"operator":"mallory","command_id":"c-3"}""")]
    public async Task Body_naming_an_operator_is_refused_as_malformed_and_writes_nothing(string action, string body)
    {
        await using var lineage = await LineageNode.StartAsync(overrides: Quiet());
        var before = await JournalHeadAsync(lineage.Node);

        var answer = await PostAsync(lineage.Node, $"v1/lineages/{Uri.EscapeDataString(lineage.AgentId)}/{action}",
            body.Replace("EXECUTOR", Id(lineage.A).ToString(), StringComparison.Ordinal));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.ToString());
        answer.Body.ShouldContain("operator");
        (await JournalHeadAsync(lineage.Node)).ShouldBe(before);
    }

    [Fact]
    public async Task Insecure_node_records_the_operator_as_insecure()
    {
        await using var lineage = await LineageNode.StartAsync(overrides: Quiet());

        (await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A))).Accepted.ShouldBeTrue();
        var granted = (await lineage.Client.GetEntityEventsAsync("lineage", lineage.AgentId)).Events.Single(e => e.EventType == "lineage.authority-granted.v1");

        granted.Payload.GetProperty("operator").GetString().ShouldBe(InsecureOperator);
        granted.Payload.GetProperty("operator_authentication").GetString().ShouldBe("insecure");
    }

    [Fact]
    public async Task Secure_node_records_the_token_principal_for_grant_recover_and_retire()
    {
        await using var node = await SecureNode.StartAsync();
        using var trust = new TrustScenario("lineage.example", seed: 5, executors: 2);
        using var deployerHttp = node.Http(node.Token("deployer", ApiRole.Operator));
        using var adminHttp = node.Http(node.Token("root-admin", ApiRole.Admin));
        var (deployer, admin) = (Client(deployerHttp, node), Client(adminHttp, node));
        var agent = trust.AgentId("mover");
        (await deployer.CreateDomainAsync(trust.CreateDomainEnvelope())).Accepted.ShouldBeTrue();

        var grant = await deployer.GrantAuthorityAsync(agent, Id(trust.Executor(0)));
        await DivergeAsync(deployer, trust, agent);
        var recover = await admin.RecoverLineageAsync(agent, Id(trust.Executor(1)));
        var retire = await admin.RetireLineageAsync(agent);
        var events = (await admin.GetEntityEventsAsync("lineage", agent)).Events;

        grant.Accepted.ShouldBeTrue(grant.Detail);
        recover.Accepted.ShouldBeTrue(recover.Detail);
        retire.Accepted.ShouldBeTrue(retire.Detail);
        Operator(events, "lineage.authority-granted.v1").ShouldBe(("deployer", "token"));
        Operator(events, "lineage.recovered.v1").ShouldBe(("root-admin", "token"));
        Operator(events, "lineage.retired.v1").ShouldBe(("root-admin", "token"));
    }

    [Fact]
    public async Task Recover_and_retire_need_the_admin_role_and_an_operator_token_writes_nothing()
    {
        await using var node = await SecureNode.StartAsync();
        using var trust = new TrustScenario("lineage.example", seed: 5, executors: 2);
        using var deployerHttp = node.Http(node.Token("deployer", ApiRole.Operator));
        var deployer = Client(deployerHttp, node);
        var agent = trust.AgentId("mover");
        (await deployer.CreateDomainAsync(trust.CreateDomainEnvelope())).Accepted.ShouldBeTrue();
        (await deployer.GrantAuthorityAsync(agent, Id(trust.Executor(0)))).Accepted.ShouldBeTrue();
        await DivergeAsync(deployer, trust, agent);
        var before = (await deployer.GetEntityEventsAsync("lineage", agent)).Events.Count;

        var recover = await Should.ThrowAsync<ActorTrustApiException>(() => deployer.RecoverLineageAsync(agent, Id(trust.Executor(1))));
        var retire = await Should.ThrowAsync<ActorTrustApiException>(() => deployer.RetireLineageAsync(agent));

        recover.Status.ShouldBe(403);
        recover.Code.ShouldBe("Forbidden");
        retire.Status.ShouldBe(403);
        (await deployer.GetEntityEventsAsync("lineage", agent)).Events.Count.ShouldBe(before);
    }

    [Fact]
    public void Recover_and_retire_are_classified_admin_and_the_other_lineage_commands_operator()
    {
        EndpointRoles.For("POST", "/v1/lineages/{agentId}/recover").ShouldBe(ApiRole.Admin);
        EndpointRoles.For("POST", "/v1/lineages/{agentId}/retire").ShouldBe(ApiRole.Admin);
        foreach (var action in new[] { "grant", "renew", "checkpoints", "handoff", "abort", "transfer-sent", "confirm", "side-effects" })
        {
            EndpointRoles.For("POST", $"/v1/lineages/{{agentId}}/{action}").ShouldBe(ApiRole.Operator, action);
        }
    }

    private static ActorTrustClient Client(HttpClient http, SecureNode node) =>
        new(http, new ActorTrustClientOptions { MaxAttempts = 1, TimeProvider = node.Clock });

    // Two genesis checkpoints by the owner: a divergence, so the lineage requires recovery.
    private static async Task DivergeAsync(ActorTrustClient client, TrustScenario trust, string agent)
    {
        foreach (var state in new[] { "one", "two" })
        {
            var checkpoint = new Checkpoint(Checkpoint.SchemaV1, Core.Identity.SpiffeId.Parse(agent), 0, Checkpoint.GenesisParent,
                Core.Hashing.Digest.Sha256(Encoding.UTF8.GetBytes(state)), Epoch.First, 1_000, Id(trust.Executor(0)));
            await client.CommitCheckpointAsync(agent, CheckpointSigning.SignToJson(checkpoint, TrustScenario.SignerOf(trust.Executor(0))));
        }
    }

    private static (string? Name, string? Method) Operator(IReadOnlyList<FeedEvent> events, string type)
    {
        var payload = events.Single(e => e.EventType == type).Payload;
        return (payload.GetProperty("operator").GetString(), payload.GetProperty("operator_authentication").GetString());
    }
}
