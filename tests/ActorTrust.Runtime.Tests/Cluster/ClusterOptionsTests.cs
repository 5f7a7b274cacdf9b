using ActorTrust.Runtime.Cluster;

namespace ActorTrust.Runtime.Tests.Cluster;

public sealed class ClusterOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones_and_valid()
    {
        var options = new ClusterOptions();
        options.Validate();
        (options.LeaseTtl, options.LeaseRenewInterval, options.LeaseSafetyMargin, options.DesiredOwnerGrace)
            .ShouldBe((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)));
        options.RebalanceLimit(64).ShouldBe(6);
        options.RebalanceLimit(1000).ShouldBe(20);
        options.RebalanceLimit(5).ShouldBe(1);
    }

    [Fact]
    public void Safety_margin_at_or_above_the_ttl_is_refused_by_name()
    {
        var error = Should.Throw<ArgumentException>(() => new ClusterOptions { LeaseSafetyMargin = TimeSpan.FromSeconds(15) }.Validate());
        error.Message.ShouldContain("lease-safety-margin");
    }

    [Fact]
    public void Renew_interval_that_cannot_beat_the_local_deadline_is_refused_by_name()
    {
        var error = Should.Throw<ArgumentException>(() => new ClusterOptions { LeaseRenewInterval = TimeSpan.FromSeconds(12) }.Validate());
        error.Message.ShouldContain("lease-renew-interval");
    }
}
