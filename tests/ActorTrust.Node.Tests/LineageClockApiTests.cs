using ActorTrust.Core.Lineage;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Lineages;
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
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));

        clock.Advance(TimeSpan.FromSeconds(LineageSettings.Default.LeaseTtlSeconds + LineageSettings.Default.GraceSeconds));
        var shown = (await lineage.Client.GetLineageAsync(lineage.AgentId)).ShouldNotBeNull();
        var (commit, _) = await lineage.CommitAsync(lineage.Checkpoint(lineage.A, 0, Checkpoint.GenesisParent, Epoch.First), lineage.A);
        var recovered = await lineage.Client.RecoverLineageAsync(lineage.AgentId, Id(lineage.B));

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
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));

        clock.Advance(TimeSpan.FromSeconds(LineageSettings.Default.LeaseTtlSeconds));
        var (commit, _) = await lineage.CommitAsync(lineage.Checkpoint(lineage.A, 0, Checkpoint.GenesisParent, Epoch.First), lineage.A);
        var renewed = await lineage.Client.RenewLeaseAsync(lineage.AgentId, Signer(lineage.A), Epoch.First);

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

public sealed class LineageDeadlineServiceTests
{
    [Fact]
    public async Task Node_records_recovery_required_for_a_lease_past_its_grace_without_any_command()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var lineage = await LineageNode.StartAsync(clock, new Dictionary<string, string?> { ["actortrust:lineage:deadline-check-interval"] = "1s" });
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));

        clock.Advance(TimeSpan.FromSeconds(LineageSettings.Default.LeaseTtlSeconds + LineageSettings.Default.GraceSeconds + 1));
        var recorded = await EventuallyAsync(async () =>
            (await lineage.Client.GetEntityEventsAsync("lineage", lineage.AgentId)).Events.Any(e => e.EventType == "lineage.recovery-required.v1"));

        recorded.ShouldBeTrue("the deadline service did not record RecoveryRequired within 10 s");
        (await lineage.Client.GetLineageAsync(lineage.AgentId)).ShouldNotBeNull().GetProperty("snapshot").GetProperty("status").GetString().ShouldBe("recovery_required");
    }

    [Fact]
    public async Task Deadline_check_sends_nothing_to_a_lineage_whose_clocks_have_not_run_out()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var lineage = await LineageNode.StartAsync(clock, new Dictionary<string, string?> { ["actortrust:lineage:deadline-check-interval"] = "0s" });
        await lineage.Client.GrantAuthorityAsync(lineage.AgentId, Id(lineage.A));
        var service = new LineageDeadlineService(lineage.Node.Runtime, lineage.Node.Settings, clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LineageDeadlineService>.Instance);

        var early = await service.CheckAllAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(LineageSettings.Default.LeaseTtlSeconds + LineageSettings.Default.GraceSeconds));
        var late = await service.CheckAllAsync(CancellationToken.None);
        var again = await service.CheckAllAsync(CancellationToken.None);

        early.ShouldBe(0);
        late.ShouldBe(1);
        again.ShouldBe(0);
    }

    // Awaits a condition the node reaches asynchronously (a timer tick on its own task), for at most 10 s.
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!timeout.IsCancellationRequested)
        {
            if (await condition())
            {
                return true;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return false;
    }
}
