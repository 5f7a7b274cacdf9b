using System.Globalization;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>
/// One real PostgreSQL server for the whole test assembly (every PostgreSQL test class joins
/// <see cref="PostgresCollection"/>); each test class, or each conformance test, takes a database of its own.
/// Without server binaries the server is not started and the tests are skipped — except under <c>CI=true</c>,
/// where starting fails with a message naming what is missing.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private static int _databases;
    private PostgresServer? _server;

    /// <summary>The running server.</summary>
    public PostgresServer Server => _server ?? throw new InvalidOperationException(
        PostgresBinaries.Problem ?? "the PostgreSQL test server did not start");

    /// <summary>A fresh empty database; the name says which test asked for it.</summary>
    public Task<string> CreateDatabaseAsync(string purpose)
    {
        var n = Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture);
        var name = new string(purpose.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').Take(40).ToArray());
        return Server.CreateDatabaseAsync($"t{n}_{name}", CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (PostgresBinaries.SkipReason is null)
        {
            _server = await PostgresServer.StartAsync(CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The test collection sharing <see cref="PostgresFixture"/> (its classes run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
