using System.Text.Json;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;
using ActorTrust.Core.Lineage;
using static ActorTrust.Node.Tests.LineageNode;

namespace ActorTrust.Node.Tests;

public sealed class LineageApiTests
{
    [Fact]
    public async Task Granted_executor_commits_signed_checkpoints_and_the_served_chain_verifies_offline()
    {
        await using var lineage = await LineageNode.StartAsync();

        var granted = await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));
        var (genesis, genesisDigest) = await lineage.CommitAsync(lineage.Checkpoint(lineage.A, 0, Checkpoint.GenesisParent, Epoch.First), lineage.A);
        var (next, head) = await lineage.CommitAsync(lineage.Checkpoint(lineage.A, 1, genesisDigest, Epoch.First), lineage.A);
        var view = (await lineage.Client.GetLineageAsync(lineage.AgentId)).ShouldNotBeNull();
        var chain = (await lineage.Client.GetLineageChainAsync(lineage.AgentId)).ShouldNotBeNull();

        granted.Accepted.ShouldBeTrue(granted.Detail);
        genesis.Accepted.ShouldBeTrue(genesis.Detail);
        next.Accepted.ShouldBeTrue(next.Detail);
        view.GetProperty("chain_length").GetInt32().ShouldBe(2);
        view.GetProperty("head").GetString().ShouldBe(head.ToString());
        view.GetProperty("snapshot").GetProperty("effective_status").GetString().ShouldBe("active_owner");
        var envelopes = chain.GetProperty("envelopes").EnumerateArray().Select(e => e.GetRawText()).ToList();
        var tenures = ActorTrustJson.Read<List<Tenure>>(System.Text.Encoding.UTF8.GetBytes(chain.GetProperty("chain").GetProperty("tenures").GetRawText()));
        var verification = CheckpointChainVerifier.Verify(SpiffeId.Parse(lineage.AgentId), envelopes, [lineage.A.PublicKey, lineage.B.PublicKey], tenures, head);
        verification.IsValid.ShouldBeTrue(verification.Detail);
        verification.Verified.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Stale_epoch_commit_after_a_handoff_from_A_to_B_is_refused_and_recorded()
    {
        await using var lineage = await LineageNode.StartAsync();
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));
        var (_, genesis) = await lineage.CommitAsync(lineage.Checkpoint(lineage.A, 0, Checkpoint.GenesisParent, Epoch.First), lineage.A);

        var begun = await lineage.Client.BeginHandoffAsync(lineage.AgentId, Signer(lineage.A), Epoch.First, Id(lineage.B));
        var sent = await lineage.Client.ReportTransferSentAsync(lineage.AgentId, Signer(lineage.A), Epoch.First, genesis);
        var confirmed = await lineage.Client.ConfirmHandoffAsync(lineage.AgentId, Signer(lineage.B), genesis);
        var (stale, _) = await lineage.CommitAsync(lineage.Checkpoint(lineage.A, 1, genesis, Epoch.First), lineage.A);
        var (byB, _) = await lineage.CommitAsync(lineage.Checkpoint(lineage.B, 1, genesis, new Epoch(2, 0)), lineage.B);
        var events = await lineage.Client.GetEntityEventsAsync("lineage", lineage.AgentId);

        begun.Accepted.ShouldBeTrue(begun.Detail);
        sent.Accepted.ShouldBeTrue(sent.Detail);
        confirmed.Accepted.ShouldBeTrue(confirmed.Detail);
        EpochOf(confirmed.State!.Value).ShouldBe(new Epoch(2, 0));
        stale.Accepted.ShouldBeFalse();
        stale.Status.ShouldBe(422);
        stale.Code.ShouldBe(nameof(ViolationKind.SupersededEpoch));
        events.Events.ShouldContain(e => e.EventType == "lineage.authority-violation.v1");
        byB.Accepted.ShouldBeTrue(byB.Detail);
        (await VerifyServedChainAsync(lineage)).IsValid.ShouldBeTrue("the served chain across the handoff, with its tenures, must verify");
    }

    [Fact]
    public async Task Forked_commit_is_a_divergence_that_requires_recovery_and_recovery_bumps_the_major_epoch()
    {
        await using var lineage = await LineageNode.StartAsync();
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));
        var (_, genesis) = await lineage.CommitAsync(lineage.Checkpoint(lineage.A, 0, Checkpoint.GenesisParent, Epoch.First), lineage.A);

        var (fork, _) = await lineage.CommitAsync(lineage.Checkpoint(lineage.A, 0, Checkpoint.GenesisParent, Epoch.First, state: "fork"), lineage.A);
        var halted = (await lineage.Client.GetLineageAsync(lineage.AgentId)).ShouldNotBeNull();
        var recovered = await lineage.Client.RecoverLineageAsync(lineage.AgentId, Id(lineage.B));
        var (resumed, _) = await lineage.CommitAsync(lineage.Checkpoint(lineage.B, 1, genesis, new Epoch(2, 0)), lineage.B);

        fork.Code.ShouldBe(nameof(ViolationKind.Divergence));
        halted.GetProperty("snapshot").GetProperty("status").GetString().ShouldBe("recovery_required");
        recovered.Accepted.ShouldBeTrue(recovered.Detail);
        EpochOf(recovered.State!.Value).ShouldBe(new Epoch(2, 0));
        resumed.Accepted.ShouldBeTrue(resumed.Detail);
    }

    [Fact]
    public async Task Only_the_owner_is_authorized_a_side_effect_and_asking_again_writes_nothing()
    {
        await using var lineage = await LineageNode.StartAsync();
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));
        var effect = Digest.Sha256("POST /orders idempotency-key 1"u8);

        var byOther = await lineage.Client.AuthorizeSideEffectAsync(lineage.AgentId, Signer(lineage.B), Epoch.First, effect);
        var byOwner = await lineage.Client.AuthorizeSideEffectAsync(lineage.AgentId, Signer(lineage.A), Epoch.First, effect);
        var again = await lineage.Client.AuthorizeSideEffectAsync(lineage.AgentId, Signer(lineage.A), Epoch.First, effect);

        byOther.Accepted.ShouldBeFalse();
        byOwner.Accepted.ShouldBeTrue(byOwner.Detail);
        byOther.Code.ShouldBe(nameof(ViolationKind.WrongExecutor));
        again.Accepted.ShouldBeTrue(again.Detail);
        again.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task Grant_for_an_agent_whose_domain_does_not_exist_is_refused_as_not_found()
    {
        await using var lineage = await LineageNode.StartAsync();

        var outcome = await lineage.Client.GrantAuthorityAsync("spiffe://nowhere.example/agent/x", Id(lineage.A));

        outcome.Status.ShouldBe(404);
        outcome.Code.ShouldBe("DomainNotFound");
        (await lineage.Client.GetLineageAsync("spiffe://nowhere.example/agent/x")).ShouldBeNull();
    }

    [Theory]
    [InlineData("grant", """{"executor":"sha256:00"}""")]
    [InlineData("grant", """{}""")]
    [InlineData("grant", """{"executor":"EXECUTOR","extra":1}""")]
    [InlineData("grant", """{"executor":"EXECUTOR","operator":"ops"}""")]
    [InlineData("renew", """{"executor":"EXECUTOR","epoch":{"major":1}}""")]
    [InlineData("checkpoints", """{"envelope":"not an object"}""")]
    [InlineData("retire", """not json""")]
    public async Task Malformed_lineage_bodies_are_bad_requests(string action, string body)
    {
        await using var lineage = await LineageNode.StartAsync();
        var text = body.Replace("EXECUTOR", Id(lineage.A).ToString(), StringComparison.Ordinal);

        using var response = await lineage.Node.Http.PostAsync(
            new Uri($"v1/lineages/{Uri.EscapeDataString(lineage.AgentId)}/{action}", UriKind.Relative), new StringContent(text, System.Text.Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).ShouldBe(400, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Agent_id_that_is_not_a_spiffe_id_is_a_bad_request()
    {
        await using var lineage = await LineageNode.StartAsync();

        using var response = await lineage.Node.Http.GetAsync(new Uri("v1/lineages/not-an-agent", UriKind.Relative));

        ((int)response.StatusCode).ShouldBe(400);
    }

    private static async Task<CheckpointChainVerification> VerifyServedChainAsync(LineageNode lineage)
    {
        var chain = (await lineage.Client.GetLineageChainAsync(lineage.AgentId)).ShouldNotBeNull();
        var stated = chain.GetProperty("chain");
        var tenures = ActorTrustJson.Read<List<Tenure>>(System.Text.Encoding.UTF8.GetBytes(stated.GetProperty("tenures").GetRawText()));
        return CheckpointChainVerifier.Verify(SpiffeId.Parse(lineage.AgentId), [.. chain.GetProperty("envelopes").EnumerateArray().Select(e => e.GetRawText())],
            [lineage.A.PublicKey, lineage.B.PublicKey], tenures, Digest.Parse(stated.GetProperty("head").GetString()!));
    }

    private static Epoch EpochOf(JsonElement state)
    {
        var epoch = state.GetProperty("epoch");
        return new Epoch(epoch.GetProperty("major").GetInt64(), epoch.GetProperty("generation").GetInt64());
    }
}
