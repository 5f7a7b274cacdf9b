using Microsoft.Extensions.Configuration;
using static ActorTrust.Hocon.Tests.HoconTestSupport;

namespace ActorTrust.Hocon.Tests;

/// <summary>Options classes bind from HOCON as they do from JSON, including durations and sizes.</summary>
public sealed class BindingTests
{
    private const string NodeConf = """
        actortrust {
          node-name = node-1
          enabled = true
          journal {
            batch-size = 500
            flush-interval = 15s
            segment-size = 64 MiB
            max-file-size = 1048576
          }
          seed-peers = [ "peer-a:2552", "peer-b:2552" ]
          seed-peers += "peer-c:2552"
          lease-duration = "00:00:30"
          retry-backoff = 250
        }
        """;

    [Fact]
    public void Options_bind_nested_objects_arrays_durations_and_sizes()
    {
        var options = Build(NodeConf).GetSection("actortrust").Get<NodeOptions>().ShouldNotBeNull();

        options.NodeName.ShouldBe("node-1");
        options.Enabled.ShouldBeTrue();
        options.Journal.BatchSize.ShouldBe(500);
        options.Journal.FlushInterval.ShouldBe(TimeSpan.FromSeconds(15));
        options.Journal.SegmentSize.ShouldBe(64L * 1024 * 1024);
        options.Journal.MaxFileSize.ShouldBe(1_048_576L);
        options.SeedPeers.ShouldBe(["peer-a:2552", "peer-b:2552", "peer-c:2552"]);
        options.LeaseDuration.ShouldBe(TimeSpan.FromSeconds(30));
        options.RetryBackoff.ShouldBe(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public void Binding_into_an_existing_instance_works_like_configure()
    {
        var options = new NodeOptions();
        Build(NodeConf).GetSection("actortrust").Bind(options);
        options.Journal.FlushInterval.ShouldBe(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Keys_are_kept_as_written_and_looked_up_case_insensitively()
    {
        var config = Build(NodeConf);
        config["actortrust:journal:batch-size"].ShouldBe("500");
        config["ActorTrust:Journal:Batch-Size"].ShouldBe("500");
        config["actortrust:journal:flush-interval"].ShouldBe("15s");
    }

    [Fact]
    public void Kebab_case_keys_do_not_bind_to_pascal_case_properties_without_a_key_name()
    {
        var options = Build("batch-size = 500").Get<UnannotatedOptions>() ?? new UnannotatedOptions();
        options.BatchSize.ShouldBe(0);
    }

    [Fact]
    public void Other_integer_types_do_not_accept_sizes()
    {
        var error = Should.Throw<InvalidOperationException>(() => Build("count = 64 MiB").Get<IntOptions>());
        error.Message.ShouldContain("count");
    }

    [Fact]
    public void Long_properties_still_bind_negative_integers()
    {
        Build("offset = -5").Get<LongOptions>().ShouldNotBeNull().Offset.ShouldBe(-5);
    }

    [Fact]
    public void Registration_is_idempotent()
    {
        HoconBinding.Register();
        HoconBinding.Register();
        Build("offset = 2K").Get<LongOptions>().ShouldNotBeNull().Offset.ShouldBe(2048);
    }

    public sealed class NodeOptions
    {
        [ConfigurationKeyName("node-name")]
        public string NodeName { get; set; } = string.Empty;

        public bool Enabled { get; set; }

        public JournalOptions Journal { get; set; } = new();

        [ConfigurationKeyName("seed-peers")]
        public List<string> SeedPeers { get; set; } = [];

        [ConfigurationKeyName("lease-duration")]
        public TimeSpan LeaseDuration { get; set; }

        [ConfigurationKeyName("retry-backoff")]
        public TimeSpan? RetryBackoff { get; set; }
    }

    public sealed class JournalOptions
    {
        [ConfigurationKeyName("batch-size")]
        public int BatchSize { get; set; }

        [ConfigurationKeyName("flush-interval")]
        public TimeSpan FlushInterval { get; set; }

        [ConfigurationKeyName("segment-size")]
        public long SegmentSize { get; set; }

        [ConfigurationKeyName("max-file-size")]
        public long MaxFileSize { get; set; }
    }

    public sealed class UnannotatedOptions
    {
        public int BatchSize { get; set; }
    }

    public sealed class IntOptions
    {
        public int Count { get; set; }
    }

    public sealed class LongOptions
    {
        public long Offset { get; set; }
    }
}
