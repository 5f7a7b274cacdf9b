using ActorTrust.TestKit.Postgres;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>The cluster's shared session-claims nonce ledger: a nonce is single use across every node until it expires.</summary>
public sealed class ClaimsNonceTests(PostgresFixture postgres) : PostgresTestBase(postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);
    private const string PeerKey = "aa11";

    [PostgresFact]
    public async Task A_nonce_reserved_by_one_node_is_seen_by_another_node_of_the_cluster()
    {
        await using var other = await PostgreSqlClusterStore.OpenAsync(Options(), Budget);

        (await Store.TryReserveNonceAsync(PeerKey, "nonce-0000000000000001", Now.AddMinutes(10), Now, Budget)).ShouldBeTrue();

        (await other.TryReserveNonceAsync(PeerKey, "nonce-0000000000000001", Now.AddMinutes(10), Now.AddMinutes(1), Budget)).ShouldBeFalse();
        (await Store.TryReserveNonceAsync(PeerKey, "nonce-0000000000000001", Now.AddMinutes(10), Now.AddMinutes(1), Budget)).ShouldBeFalse();
    }

    [PostgresFact]
    public async Task The_same_nonce_of_another_peer_key_is_independent()
    {
        (await Store.TryReserveNonceAsync(PeerKey, "nonce-0000000000000002", Now.AddMinutes(10), Now, Budget)).ShouldBeTrue();

        (await Store.TryReserveNonceAsync("bb22", "nonce-0000000000000002", Now.AddMinutes(10), Now, Budget)).ShouldBeTrue();
    }

    [PostgresFact]
    public async Task An_expired_nonce_may_be_reserved_again_and_then_holds_until_its_new_expiry()
    {
        (await Store.TryReserveNonceAsync(PeerKey, "nonce-0000000000000003", Now.AddMinutes(10), Now, Budget)).ShouldBeTrue();

        (await Store.TryReserveNonceAsync(PeerKey, "nonce-0000000000000003", Now.AddMinutes(25), Now.AddMinutes(10), Budget)).ShouldBeTrue();
        (await Store.TryReserveNonceAsync(PeerKey, "nonce-0000000000000003", Now.AddMinutes(30), Now.AddMinutes(20), Budget)).ShouldBeFalse();
    }

    [PostgresFact]
    public async Task Of_many_nodes_reserving_one_nonce_at_once_exactly_one_wins()
    {
        var stores = new List<PostgreSqlClusterStore>();
        for (var i = 0; i < 6; i++)
        {
            stores.Add(await PostgreSqlClusterStore.OpenAsync(Options(), Budget));
        }

        try
        {
            var results = await Task.WhenAll(stores.Select(s =>
                Task.Run(() => s.TryReserveNonceAsync(PeerKey, "nonce-0000000000000004", Now.AddMinutes(10), Now, Budget))));

            results.Count(r => r).ShouldBe(1);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }
}
