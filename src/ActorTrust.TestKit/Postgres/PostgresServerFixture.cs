using System.Globalization;
using Xunit;

namespace ActorTrust.TestKit.Postgres;

/// <summary>
/// One real PostgreSQL server for a test collection (derive an xUnit collection fixture from it): started once when the
/// server binaries are present, stopped when the collection ends. Each test takes a database of its own.
/// </summary>
public abstract class PostgresServerFixture : IAsyncLifetime
{
    private int _databases;
    private PostgresServer? _server;

    /// <summary>The running server; without server binaries, using it fails with a message naming what is missing.</summary>
    public PostgresServer Server => _server ?? throw new InvalidOperationException(
        PostgresBinaries.Problem ?? "the PostgreSQL test server did not start");

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

    /// <summary>The next number for a database name, unique within this fixture's server (1, 2, ...).</summary>
    protected string NextDatabaseNumber() => Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture);
}
