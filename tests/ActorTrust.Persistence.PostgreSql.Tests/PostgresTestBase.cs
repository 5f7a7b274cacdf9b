using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>
/// Gives each test a fresh database with an initialized journal and cluster store over it (every test class in
/// <see cref="PostgresCollection"/> shares the one server; databases are never shared between tests).
/// </summary>
[Collection(PostgresCollection.Name)]
public abstract class PostgresTestBase(PostgresFixture postgres) : IAsyncLifetime
{
    protected static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);
    protected static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private PostgreSqlJournal? _journal;
    private PostgreSqlClusterStore? _store;

    protected PostgresFixture Postgres { get; } = postgres;

    protected string ConnectionString { get; private set; } = string.Empty;

    protected PostgreSqlJournal Journal => _journal!;

    protected PostgreSqlClusterStore Store => _store!;

    protected CancellationToken Budget { get; } = new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await Postgres.CreateDatabaseAsync(GetType().Name);
        _journal = await PostgreSqlJournal.OpenAsync(Options(), Budget);
        _store = await PostgreSqlClusterStore.OpenAsync(Options(), Budget);
    }

    public virtual async Task DisposeAsync()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    protected PostgreSqlJournalOptions Options() => new() { ConnectionString = ConnectionString };

    /// <summary>Registers <paramref name="kind"/> and has <paramref name="node"/> take the lease of <paramref name="entityId"/>'s shard.</summary>
    protected async Task<(int Shard, LeaseGrant Grant)> HoldShardOfAsync(string kind, string entityId, string node, int numShards = 8)
    {
        await Store.RegisterKindAsync(kind, numShards, Budget);
        var shard = Shards.ShardOf(entityId, numShards);
        var grant = await Store.TryAcquireAsync(kind, shard, node, Ttl, Grace, Budget);
        grant.ShouldNotBeNull();
        return (shard, grant);
    }

    protected async Task<AppendOutcome> AppendOneAsync(StreamAppend append) => (await Journal.AppendAsync([append], Budget)).Single();
}
