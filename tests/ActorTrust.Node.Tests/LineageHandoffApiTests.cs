using ActorTrust.Core.Lineage;
using static ActorTrust.Node.Tests.LineageNode;

namespace ActorTrust.Node.Tests;

public sealed class LineageHandoffApiTests
{
    [Fact]
    public async Task Handoff_aborted_before_the_transfer_was_sent_leaves_the_owner_at_the_same_epoch()
    {
        await using var lineage = await LineageNode.StartAsync();
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));
        await lineage.Client.BeginHandoffAsync(lineage.AgentId, Signer(lineage.A), Epoch.First, Id(lineage.B));

        var aborted = await lineage.Client.AbortHandoffAsync(lineage.AgentId, Signer(lineage.A), Epoch.First);
        var (commit, _) = await lineage.CommitAsync(lineage.Checkpoint(lineage.A, 0, Checkpoint.GenesisParent, Epoch.First), lineage.A);

        aborted.Accepted.ShouldBeTrue(aborted.Detail);
        aborted.State!.Value.GetProperty("snapshot").GetProperty("status").GetString().ShouldBe("active_owner");
        commit.Accepted.ShouldBeTrue(commit.Detail);
    }

    [Fact]
    public async Task Handoff_cannot_be_aborted_once_the_transfer_was_sent()
    {
        await using var lineage = await LineageNode.StartAsync();
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));
        await lineage.Client.BeginHandoffAsync(lineage.AgentId, Signer(lineage.A), Epoch.First, Id(lineage.B));
        await lineage.Client.ReportTransferSentAsync(lineage.AgentId, Signer(lineage.A), Epoch.First, Checkpoint.GenesisParent);

        var aborted = await lineage.Client.AbortHandoffAsync(lineage.AgentId, Signer(lineage.A), Epoch.First);

        aborted.Accepted.ShouldBeFalse();
        aborted.Code.ShouldBe(LineageRejectionCodes.TransferAlreadySent);
    }

    [Fact]
    public async Task Retried_command_id_is_answered_as_a_duplicate_and_writes_nothing()
    {
        await using var lineage = await LineageNode.StartAsync();

        var first = await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A), commandId: "grant-1");
        var retried = await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A), commandId: "grant-1");

        first.Accepted.ShouldBeTrue(first.Detail);
        retried.Duplicate.ShouldBeTrue();
        retried.Version.ShouldBe(first.Version);
    }

    [Fact]
    public async Task Retired_lineage_refuses_every_further_command()
    {
        await using var lineage = await LineageNode.StartAsync();
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));

        var retired = await lineage.Client.RetireLineageAsync(lineage.AgentId);
        var renew = await lineage.Client.RenewLeaseAsync(lineage.AgentId, Signer(lineage.A), Epoch.First);
        var recover = await lineage.Client.RecoverLineageAsync(lineage.AgentId, Id(lineage.B));

        retired.Accepted.ShouldBeTrue(retired.Detail);
        renew.Code.ShouldBe(LineageRejectionCodes.Retired);
        recover.Code.ShouldBe(LineageRejectionCodes.Retired);
    }
}
