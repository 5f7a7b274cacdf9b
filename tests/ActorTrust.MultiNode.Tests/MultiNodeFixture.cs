using ActorTrust.TestKit.MultiNode;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.MultiNode.Tests;

/// <summary>
/// One real PostgreSQL server for the whole assembly; each spec starts a <see cref="TestCluster"/> on a database of
/// its own. Specs run one after another (one collection): they use real short lease times on a 2-core machine.
/// </summary>
public sealed class MultiNodeFixture : PostgresServerFixture
{
}

[CollectionDefinition(Name)]
public sealed class MultiNodeCollection : ICollectionFixture<MultiNodeFixture>
{
    public const string Name = "multinode";
}

/// <summary>Starts a cluster per spec; every spec ends with <see cref="TestCluster.AuditAsync"/>.</summary>
[Collection(MultiNodeCollection.Name)]
public abstract class MultiNodeSpec(MultiNodeFixture fixture) : IAsyncLifetime
{
    private readonly List<TestCluster> _clusters = [];

    protected MultiNodeFixture Fixture { get; } = fixture;

    protected async Task<TestCluster> StartClusterAsync(TestClusterOptions? options = null)
    {
        var cluster = await TestCluster.StartAsync(Fixture.Server, options);
        _clusters.Add(cluster);
        return cluster;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var cluster in _clusters)
        {
            await cluster.DisposeAsync();
        }
    }
}
