using ActorTrust.Node.Hosting;

namespace ActorTrust.Node.Tests;

public sealed class FederationSettingsTests
{
    [Fact]
    public void Reference_conf_federation_defaults_make_a_valid_policy()
    {
        var settings = NodeSettings.Load(null);

        settings.Federation.Policy.Validate().ShouldBeNull();
        settings.Federation.HandshakeWindow.ShouldBe(TimeSpan.FromHours(1));
        settings.Federation.LivenessCheckInterval.ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("actortrust:federation:platform-version", "v1", "platform")]
    [InlineData("actortrust:federation:handshake-rate-limit:max-handshakes", "0", "handshakes_per_window")]
    [InlineData("actortrust:federation:auto-suspend:hard-findings", "0", "hard_findings_to_suspend")]
    [InlineData("actortrust:federation:liveness-check-interval", "0s", "liveness-check-interval")]
    public void An_out_of_range_federation_setting_stops_start_up_naming_it(string key, string value, string named)
    {
        var error = Should.Throw<ArgumentException>(() => NodeSettings.Load(null, new Dictionary<string, string?> { [key] = value }));

        error.Message.ShouldContain(named);
    }
}
