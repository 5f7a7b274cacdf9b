using ActorTrust.Node.Hosting;

namespace ActorTrust.Node.Tests;

public sealed class SqliteJournalSettingsTests
{
    [Fact]
    public void The_WAL_checkpoint_size_defaults_to_the_reference_configuration()
    {
        NodeSettings.Load(null).Sqlite.WalAutoCheckpointPages.ShouldBe(10_000);
    }

    [Fact]
    public void The_WAL_checkpoint_size_is_read_from_the_configuration()
    {
        var settings = NodeSettings.Load(null, new Dictionary<string, string?> { ["actortrust:journal:sqlite:wal-autocheckpoint-pages"] = "2500" });

        settings.Sqlite.WalAutoCheckpointPages.ShouldBe(2500);
    }
}
