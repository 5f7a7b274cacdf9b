using ActorTrust.Core.Envelopes;
using ActorTrust.Node.Hosting;

namespace ActorTrust.Node.Tests.Limits;

public sealed class InputLimitSettingsTests
{
    [Fact]
    public void Reference_conf_limits_are_bound_with_their_documented_defaults()
    {
        var limits = NodeSettings.Load(null).Limits;

        limits.JsonMaxDepth.ShouldBe(64);
        limits.JsonMaxBytes.ShouldBe(1024 * 1024);
        limits.JsonMaxItems.ShouldBe(10_000);
        limits.Envelope.ShouldBe(EnvelopeLimits.Default);
        limits.MaxEntityIdLength.ShouldBe(2048);
        limits.MaxCommandIdLength.ShouldBe(128);
        limits.HoconMaxFileBytes.ShouldBe(1024 * 1024);
    }

    [Fact]
    public void Limits_given_in_a_config_file_are_bound()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "actortrust.limits { json.max-depth = 20, json.max-bytes = 64 KiB, envelope.max-signatures = 4, ids.max-command-id-length = 64 }");

            var limits = NodeSettings.Load(path).Limits;

            (limits.JsonMaxDepth, limits.JsonMaxBytes, limits.Envelope.MaxSignatures, limits.MaxCommandIdLength).ShouldBe((20, 64 * 1024, 4, 64));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("json:max-depth", "1")]
    [InlineData("json:max-depth", "1001")]
    [InlineData("json:max-bytes", "100")]
    [InlineData("json:max-bytes", "65 MiB")]
    [InlineData("json:max-bytes", "lots")]
    [InlineData("json:max-items", "15")]
    [InlineData("envelope:max-envelope-bytes", "3 MiB")]
    [InlineData("envelope:max-payload-bytes", "2 MiB")]
    [InlineData("envelope:max-signatures", "0")]
    [InlineData("envelope:max-signatures", "17")]
    [InlineData("envelope:max-payload-type-bytes", "257")]
    [InlineData("ids:max-entity-id-length", "2049")]
    [InlineData("ids:max-command-id-length", "15")]
    [InlineData("hocon:max-file-bytes", "5 MiB")]
    public void An_out_of_range_limit_stops_start_up_naming_the_setting(string key, string value)
    {
        var error = Should.Throw<ArgumentException>(() => NodeSettings.Load(null, new Dictionary<string, string?> { ["actortrust:limits:" + key] = value }));

        error.Message.ShouldContain("actortrust.limits." + key.Replace(':', '.'));
    }

    [Fact]
    public void Config_file_at_hocon_max_file_bytes_loads_and_one_byte_more_is_refused_naming_the_setting()
    {
        var bound = new Dictionary<string, string?> { ["actortrust:limits:hocon:max-file-bytes"] = "2048" };
        var path = Path.GetTempFileName();
        try
        {
            var text = "actortrust.node.dev-mode = false\n";
            File.WriteAllText(path, text + new string('#', 2048 - text.Length));
            NodeSettings.Load(path, bound).Node.DevMode.ShouldBeFalse();

            File.AppendAllText(path, "#");
            var error = Should.Throw<ArgumentException>(() => NodeSettings.Load(path, bound));

            error.Message.ShouldContain("actortrust.limits.hocon.max-file-bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
