using ActorTrust.Core.Lineage;
using ActorTrust.Node.Hosting;
using ActorTrust.TestKit.Time;
using static ActorTrust.Node.Tests.LineageNode;

namespace ActorTrust.Node.Tests;

public sealed class LineageClockApiTests
{
    [Fact]
    public async Task Owner_whose_lease_is_past_its_grace_cannot_commit_and_the_lineage_requires_recovery()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var lineage = await LineageNode.StartAsync(clock);
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A), Operator);

        clock.Advance(TimeSpan.FromSeconds(LineageSettings.Default.LeaseTtlSeconds + LineageSettings.Default.GraceSeconds));
        var shown = (await lineage.Client.GetLineageAsync(lineage.AgentId)).ShouldNotBeNull();
        var (commit, _) = await lineage.CommitAsync(lineage.Checkpoint(lineage.A, 0, Checkpoint.GenesisParent, Epoch.First), lineage.A);
        var recovered = await lineage.Client.RecoverLineageAsync(lineage.AgentId, Id(lineage.B), Operator);

        shown.GetProperty("snapshot").GetProperty("effective_status").GetString().ShouldBe("recovery_required");
        commit.Accepted.ShouldBeFalse();
        commit.Code.ShouldBe(LineageRejectionCodes.RecoveryRequired);
        (await lineage.Client.GetEntityEventsAsync("lineage", lineage.AgentId)).Events.ShouldContain(e => e.EventType == "lineage.recovery-required.v1");
        recovered.Accepted.ShouldBeTrue(recovered.Detail);
        recovered.State!.Value.GetProperty("epoch").GetProperty("major").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task Owner_may_renew_within_the_grace_but_not_commit()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var lineage = await LineageNode.StartAsync(clock);
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A), Operator);

        clock.Advance(TimeSpan.FromSeconds(LineageSettings.Default.LeaseTtlSeconds));
        var (commit, _) = await lineage.CommitAsync(lineage.Checkpoint(lineage.A, 0, Checkpoint.GenesisParent, Epoch.First), lineage.A);
        var renewed = await lineage.Client.RenewLeaseAsync(lineage.AgentId, Id(lineage.A), Epoch.First);

        commit.Code.ShouldBe(LineageRejectionCodes.LeaseExpired);
        renewed.Accepted.ShouldBeTrue(renewed.Detail);
        renewed.State!.Value.GetProperty("epoch").GetProperty("generation").GetInt64().ShouldBe(1);
    }

    [Fact]
    public void Lineage_clocks_are_read_from_actortrust_lineage()
    {
        var settings = NodeSettings.Load(null, new Dictionary<string, string?>
        {
            ["actortrust:lineage:lease-ttl"] = "5m",
            ["actortrust:lineage:grace"] = "0s",
            ["actortrust:lineage:handoff-timeout"] = "45s",
        });

        settings.Lineage.ShouldBe(new LineageSettings(300, 0, 45));
    }

    [Theory]
    [InlineData("lease-ttl", "0s")]
    [InlineData("handoff-timeout", "2d")]
    [InlineData("grace", "1500ms")]
    public void Out_of_range_lineage_clock_is_refused_at_start_naming_the_setting(string key, string value)
    {
        var error = Should.Throw<ArgumentException>(() => NodeSettings.Load(null, new Dictionary<string, string?> { [$"actortrust:lineage:{key}"] = value }));

        error.Message.ShouldContain("actortrust.lineage");
    }
}
