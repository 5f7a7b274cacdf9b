using ActorTrust.TestKit.Postgres;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>
/// One real PostgreSQL server for the whole test assembly (every PostgreSQL test class joins
/// <see cref="PostgresCollection"/>); each test class, or each conformance test, takes a database of its own.
/// Without server binaries the server is not started and the tests are skipped — except under <c>CI=true</c>,
/// where starting fails with a message naming what is missing.
/// </summary>
public sealed class PostgresFixture : PostgresServerFixture
{
    /// <summary>A fresh empty database; the name says which test asked for it.</summary>
    public Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = new string(purpose.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').Take(40).ToArray());
        return Server.CreateDatabaseAsync($"t{NextDatabaseNumber()}_{name}", CancellationToken.None);
    }
}

/// <summary>The test collection sharing <see cref="PostgresFixture"/> (its classes run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
