namespace ActorTrust.Persistence.Sqlite.Tests;

public sealed class SqliteJournalOptionsTests
{
    [Theory]
    [InlineData("", "data-source is required")]
    [InlineData("  ", "data-source is required")]
    [InlineData(":memory:", "in-memory database")]
    [InlineData("file::memory:?cache=shared", "in-memory database")]
    public void A_missing_or_in_memory_data_source_is_refused_naming_the_setting(string dataSource, string reason)
    {
        var options = new SqliteJournalOptions { DataSource = dataSource };

        Should.Throw<ArgumentException>(options.Validate).Message.ShouldContain(reason);
        Should.Throw<ArgumentException>(() => new SqliteJournal(options)).Message.ShouldContain("data-source");
    }

    [Theory]
    [InlineData(0, "replay-page-size")]
    [InlineData(100_001, "replay-page-size")]
    public void An_out_of_range_replay_page_size_is_refused_naming_the_setting(int pageSize, string setting)
    {
        var options = new SqliteJournalOptions { DataSource = "j.db", ReplayPageSize = pageSize };

        Should.Throw<ArgumentException>(options.Validate).Message.ShouldContain(setting);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    [InlineData(1_000_001)]
    public void An_out_of_range_wal_checkpoint_size_is_refused_naming_the_setting(int pages)
    {
        var options = new SqliteJournalOptions { DataSource = "j.db", WalAutoCheckpointPages = pages };

        Should.Throw<ArgumentException>(options.Validate).Message.ShouldContain("wal-autocheckpoint-pages");
    }

    [Fact]
    public void A_non_positive_busy_timeout_is_refused_naming_the_setting()
    {
        var options = new SqliteJournalOptions { DataSource = "j.db", BusyTimeout = TimeSpan.Zero };

        Should.Throw<ArgumentException>(options.Validate).Message.ShouldContain("busy-timeout");
    }

    [Fact]
    public void An_undefined_synchronous_level_is_refused_naming_the_setting()
    {
        var options = new SqliteJournalOptions { DataSource = "j.db", Synchronous = (SqliteSynchronous)7 };

        Should.Throw<ArgumentException>(options.Validate).Message.ShouldContain("synchronous");
    }

    [Fact]
    public void The_defaults_are_valid_once_a_data_source_is_set()
    {
        var options = new SqliteJournalOptions { DataSource = "j.db" };

        options.Validate();
        options.ReplayPageSize.ShouldBe(1000);
        options.BusyTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        options.WalAutoCheckpointPages.ShouldBe(10_000);
    }
}
