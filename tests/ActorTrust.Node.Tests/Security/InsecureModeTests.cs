using ActorTrust.Node.Hosting;

namespace ActorTrust.Node.Tests.Security;

/// <summary>Secure by default: insecure mode only on loopback, and no start without certificates otherwise.</summary>
public sealed class InsecureModeTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://10.1.2.3:5080")]
    [InlineData("http://node-a.example:5080")]
    public async Task Insecure_mode_refuses_a_non_loopback_binding(string urls)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "actortrust-insecure-" + Guid.NewGuid().ToString("N"));
        var settings = NodeSettings.Load(null, new Dictionary<string, string?>
        {
            ["actortrust:node:urls"] = urls,
            ["actortrust:node:data-dir"] = dataDir,
            ["actortrust:security:insecure"] = "true",
        });

        var error = await Should.ThrowAsync<ArgumentException>(() => NodeHost.BuildAsync(settings));

        error.Message.ShouldContain("allowed only on loopback");
        Directory.Exists(dataDir).ShouldBeFalse(); // refused before anything was opened or written
    }

    [Fact]
    public async Task A_node_without_certificates_refuses_to_start_unless_insecure()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "actortrust-insecure-" + Guid.NewGuid().ToString("N"));
        var settings = NodeSettings.Load(null, new Dictionary<string, string?> { ["actortrust:node:data-dir"] = dataDir });

        var error = await Should.ThrowAsync<ArgumentException>(() => NodeHost.BuildAsync(settings));

        error.Message.ShouldContain("--insecure");
        error.Message.ShouldContain("actortrust.security.tls");
        Directory.Exists(dataDir).ShouldBeFalse();
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://192.168.1.5:5080", false)]
    public void Loopback_addresses_are_recognised(string url, bool loopback) =>
        ActorTrust.Node.Security.SecurityOptions.IsLoopback(url).ShouldBe(loopback);
}
