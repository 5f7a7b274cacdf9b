namespace ActorTrust.Node.Tests;

public sealed class AgentApiTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Agent_registered_under_the_domain_authority_records_which_version_it_used()
    {
        await using var node = await NodeFixture.StartAsync();
        await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope());
        var agentId = node.Trust.AgentId("planner");
        var manifest = node.Trust.AgentManifest(agentId, Now);

        var outcome = await node.Client.RegisterAgentAsync(node.Trust.Sign(manifest));
        var agent = await node.Client.GetAgentAsync(agentId);

        outcome.Accepted.ShouldBeTrue(outcome.Detail);
        outcome.Events.ShouldBe(["agent.registered.v1"]);
        var view = agent.ShouldNotBeNull();
        view.GetProperty("status").GetString().ShouldBe("active");
        view.GetProperty("current").GetProperty("manifest_id").GetString().ShouldBe(manifest.ManifestId);
        view.GetProperty("current").GetProperty("authority").GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Agent_of_an_unknown_domain_is_refused_as_unverifiable()
    {
        await using var node = await NodeFixture.StartAsync();
        var agentId = node.Trust.AgentId("planner");

        var outcome = await node.Client.RegisterAgentAsync(node.Trust.Sign(node.Trust.AgentManifest(agentId, Now)));

        outcome.Accepted.ShouldBeFalse();
        outcome.Code.ShouldBe("NoTrustedAuthority");
        (await node.Client.GetAgentAsync(agentId)).ShouldBeNull();
    }

    [Fact]
    public async Task Revocation_by_the_auditor_is_accepted_and_a_revoked_agent_cannot_rotate()
    {
        await using var node = await NodeFixture.StartAsync();
        await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope());
        var agentId = node.Trust.AgentId("planner");
        var first = node.Trust.AgentManifest(agentId, Now);
        await node.Client.RegisterAgentAsync(node.Trust.Sign(first));

        var revoked = await node.Client.RevokeAgentAsync(agentId, node.Trust.Revocation(agentId, first.ManifestId, Now));
        var rotated = await node.Client.RotateAgentAsync(agentId, node.Trust.Sign(node.Trust.AgentManifest(agentId, Now.AddSeconds(1), first.ManifestId, salt: "v2")));

        revoked.Accepted.ShouldBeTrue(revoked.Detail);
        rotated.Accepted.ShouldBeFalse();
        rotated.Code.ShouldBe("Revoked");
        (await node.Client.GetAgentAsync(agentId)).ShouldNotBeNull().GetProperty("status").GetString().ShouldBe("revoked");
    }

    [Fact]
    public async Task Revocation_signed_by_the_issuing_key_is_refused()
    {
        await using var node = await NodeFixture.StartAsync();
        await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope());
        var agentId = node.Trust.AgentId("planner");
        var first = node.Trust.AgentManifest(agentId, Now);
        await node.Client.RegisterAgentAsync(node.Trust.Sign(first));

        var outcome = await node.Client.RevokeAgentAsync(agentId, node.Trust.Revocation(agentId, first.ManifestId, Now, by: node.Trust.Publisher));

        outcome.Accepted.ShouldBeFalse();
        outcome.Code.ShouldBe("RevokerIsIssuer");
    }

    [Fact]
    public async Task Rotation_chained_to_the_current_manifest_is_accepted()
    {
        await using var node = await NodeFixture.StartAsync();
        await node.Client.CreateDomainAsync(node.Trust.CreateDomainEnvelope());
        var agentId = node.Trust.AgentId("planner");
        var first = node.Trust.AgentManifest(agentId, Now);
        await node.Client.RegisterAgentAsync(node.Trust.Sign(first));
        var second = node.Trust.AgentManifest(agentId, Now.AddSeconds(1), first.ManifestId, salt: "v2");

        var outcome = await node.Client.RotateAgentAsync(agentId, node.Trust.Sign(second));

        outcome.Accepted.ShouldBeTrue(outcome.Detail);
        outcome.Version.ShouldBe(2);
    }
}
