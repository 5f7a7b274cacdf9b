using ActorTrust.Runtime.Cluster;
using ActorTrust.TestKit.Cluster;

namespace ActorTrust.Runtime.Tests.Cluster;

public sealed class InMemoryClusterStoreTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private readonly InMemoryClusterStore _store = new();

    [Fact]
    public async Task Token_grows_by_one_on_every_change_of_owner_and_not_on_renewal()
    {
        await _store.RegisterKindAsync("k", 2, CancellationToken.None);
        var first = await _store.TryAcquireAsync("k", 0, "a:1:1", Ttl, Grace, CancellationToken.None);
        (await _store.TryAcquireAsync("k", 0, "b:1:1", Ttl, Grace, CancellationToken.None)).ShouldBeNull(); // held

        (await _store.TryRenewAsync("k", 0, "a:1:1", first!.Token, Ttl, CancellationToken.None))!.Token.ShouldBe(1);
        _store.DatabaseClock.Advance(Ttl + TimeSpan.FromSeconds(1));
        var second = await _store.TryAcquireAsync("k", 0, "b:1:1", Ttl, Grace, CancellationToken.None);

        second!.Token.ShouldBe(2);
        (await _store.TryRenewAsync("k", 0, "a:1:1", 1, Ttl, CancellationToken.None)).ShouldBeNull();
        (await _store.ReleaseAsync("k", 0, "a:1:1", 1, CancellationToken.None)).ShouldBeFalse();
        _store.Lease("k", 0).Owner.ShouldBe("b:1:1");
    }

    [Fact]
    public async Task Shard_count_of_a_kind_is_frozen()
    {
        await _store.RegisterKindAsync("k", 4, CancellationToken.None);
        await _store.RegisterKindAsync("k", 4, CancellationToken.None);

        await Should.ThrowAsync<InvalidOperationException>(() => _store.RegisterKindAsync("k", 8, CancellationToken.None));

        (await _store.ReadKindsAsync(CancellationToken.None))["k"].ShouldBe(4);
    }

    [Fact]
    public async Task Hint_writes_need_the_current_coordinator_token()
    {
        await _store.RegisterKindAsync("k", 1, CancellationToken.None);
        var coordinator = await _store.TryAcquireAsync(ClusterLeaseStore.CoordinatorKind, 0, "c:1:1", Ttl, Grace, CancellationToken.None);

        (await _store.SetDesiredOwnerAsync("k", 0, "x:1:1", "c:1:1", coordinator!.Token + 1, CancellationToken.None)).ShouldBeFalse();
        (await _store.SetDesiredOwnerAsync("k", 0, "x:1:1", "other:1:1", coordinator.Token, CancellationToken.None)).ShouldBeFalse();
        _store.Lease("k", 0).DesiredOwner.ShouldBeNull();
        (await _store.SetDesiredOwnerAsync("k", 0, "x:1:1", "c:1:1", coordinator.Token, CancellationToken.None)).ShouldBeTrue();
        _store.Lease("k", 0).DesiredOwner.ShouldBe("x:1:1");
    }

    [Fact]
    public async Task Isolated_node_calls_throw_and_hung_calls_run_only_when_released()
    {
        await _store.RegisterKindAsync("k", 1, CancellationToken.None);
        var node = new NodeId("n", 1, 1);
        var connection = _store.ConnectionFor(node);
        _store.IsolateNode(node);
        await Should.ThrowAsync<IOException>(() => connection.ReadAllAsync(CancellationToken.None));
        _store.Reconnect(node);

        _store.Hang(node);
        var acquire = connection.TryAcquireAsync("k", 0, node.ToString(), Ttl, Grace, CancellationToken.None);
        acquire.IsCompleted.ShouldBeFalse();
        _store.Lease("k", 0).Owner.ShouldBeNull();
        _store.Release(node);

        (await acquire)!.Token.ShouldBe(1);
    }
}
