namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>Options are validated up front with messages that name the setting.</summary>
public sealed class PostgreSqlJournalOptionsTests
{
    private const string Valid = "Host=127.0.0.1;Port=5432;Username=actortrust;Database=actortrust";

    [Fact]
    public void Valid_options_pass() => new PostgreSqlJournalOptions { ConnectionString = Valid }.Validate();

    [Theory]
    [InlineData("", "connection-string is required")]
    [InlineData("NoSuchKeyword=1", "connection-string is not a valid Npgsql connection string")]
    public void A_missing_or_malformed_connection_string_is_refused(string connectionString, string message)
    {
        var error = Should.Throw<ArgumentException>(() => new PostgreSqlJournalOptions { ConnectionString = connectionString }.Validate());

        error.Message.ShouldContain("actortrust.journal.postgresql." + message);
    }

    [Fact]
    public void Out_of_range_settings_are_refused_naming_the_setting()
    {
        Should.Throw<ArgumentException>(() => new PostgreSqlJournalOptions { ConnectionString = Valid, ReplayPageSize = 0 }.Validate())
            .Message.ShouldContain("actortrust.journal.postgresql.replay-page-size");
        Should.Throw<ArgumentException>(() => new PostgreSqlJournalOptions { ConnectionString = Valid, CommandTimeout = TimeSpan.Zero }.Validate())
            .Message.ShouldContain("actortrust.journal.postgresql.command-timeout");
        Should.Throw<ArgumentException>(() => new PostgreSqlJournalOptions { ConnectionString = Valid, ClusterId = " " }.Validate())
            .Message.ShouldContain("actortrust.journal.postgresql.cluster-id");
    }

    [Fact]
    public void A_journal_with_invalid_options_is_not_created()
    {
        Should.Throw<ArgumentException>(() => new PostgreSqlJournal(new PostgreSqlJournalOptions()));
        Should.Throw<ArgumentException>(() => new PostgreSqlClusterStore(new PostgreSqlJournalOptions()));
    }
}
