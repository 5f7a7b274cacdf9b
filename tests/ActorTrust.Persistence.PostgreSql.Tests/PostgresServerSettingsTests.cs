using ActorTrust.TestKit.Postgres;
using Npgsql;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>The throw-away server takes extra settings for profiling, but never weaker durability.</summary>
public sealed class PostgresServerSettingsTests
{
    private readonly CancellationToken _budget = new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token;

    [PostgresFact]
    public async Task A_server_started_with_an_extra_setting_runs_with_it()
    {
        await using var server = await PostgresServer.StartAsync([new("work_mem", "7MB")], _budget);
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync(_budget);
        await using var command = new NpgsqlCommand("SHOW work_mem", connection);

        (await command.ExecuteScalarAsync(_budget)).ShouldBe("7MB");
    }

    [Theory]
    [InlineData("fsync", "off")]
    [InlineData("synchronous_commit", "off")]
    public async Task Turning_durability_off_through_an_extra_setting_is_refused_before_anything_starts(string name, string value)
    {
        var error = await Should.ThrowAsync<ArgumentException>(() => PostgresServer.StartAsync([new(name, value)], _budget));

        error.Message.ShouldContain($"'{name}' cannot be changed");
    }

    [Theory]
    [InlineData("work mem", "7MB")]
    [InlineData("Work_mem", "7MB")]
    [InlineData("work_mem", "7 MB")]
    [InlineData("work_mem", "'7MB'")]
    [InlineData("work_mem", "")]
    public async Task A_malformed_extra_setting_is_refused_before_anything_starts(string name, string value)
    {
        await Should.ThrowAsync<ArgumentException>(() => PostgresServer.StartAsync([new(name, value)], _budget));
    }
}
