using System.Collections.Concurrent;
using ActorTrust.Client;
using ActorTrust.Persistence.PostgreSql;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Keys;
using ActorTrust.Runtime.Sharding;
using ActorTrust.TestKit.Postgres;
using ActorTrust.TestKit.Trust;

namespace ActorTrust.EndToEnd.Tests;

/// <summary>
/// Three real clustered node processes on loopback sharing one real PostgreSQL; one is killed with SIGKILL while a
/// client writes through all of them. Every acknowledged command must survive, the journal must audit clean, and the
/// killed node's shards must end up on the survivors. The nodes run secure: certificates from a cluster CA made with
/// <c>actortrust cert …</c>, mutual TLS between nodes, and an admin client certificate for the client.
/// </summary>
[Collection(ClusterPostgresCollection.Name)]
public sealed class ClusterProcessTests(ClusterPostgresFixture postgres) : IAsyncLifetime
{
    private const int DomainShards = 64;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(45);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "actortrust-e2e-cluster-" + Guid.NewGuid().ToString("N"));
    private readonly List<ClusterMember> _members = [];

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var member in _members)
        {
            await member.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [PostgresFact]
    public async Task A_node_killed_with_sigkill_loses_no_acknowledged_command_and_its_shards_move_to_the_survivors()
    {
        var db = await postgres.CreateDatabaseAsync();
        var pki = await ClusterPki.CreateAsync(_dir);
        _members.AddRange(await Task.WhenAll(
            ClusterMember.StartAsync(_dir, "a", db, pki),
            ClusterMember.StartAsync(_dir, "b", db, pki),
            ClusterMember.StartAsync(_dir, "c", db, pki)));
        var (a, b, victim) = (_members[0], _members[1], _members[2]);
        foreach (var member in _members)
        {
            member.NodeId = (await ClusterStatus.AwaitAsync(member, _ => true, Settle, $"{member.Name} answers")).GetProperty("node").GetString();
        }

        var formed = await ClusterStatus.AwaitAsync(a,
            s => ClusterStatus.ActiveMembers(s) == 3 && ClusterStatus.AllShardsOwned(s) && _members.All(m => ClusterStatus.ShardsOf(s, "domain", m.NodeId!).Count > 0),
            Settle, "three active members, each owning domain shards");
        var victimShards = ClusterStatus.ShardsOf(formed, "domain", victim.NodeId!);
        formed.GetProperty("members").EnumerateArray().ShouldAllBe(m => m.GetProperty("address").GetString()!.StartsWith("https://127.0.0.1:", StringComparison.Ordinal),
            "the members talk mutual TLS to each other");

        await using var writers = new Writers([a, b, victim]);
        await writers.AwaitAcknowledgedAsync(20, Settle);
        await victim.Process.KillAsync();
        writers.Targets = [a, b];

        var moved = await ClusterStatus.AwaitAsync(a,
            s => ClusterStatus.AllShardsOf(s, victim.NodeId!) == 0 && ClusterStatus.AllShardsOwned(s),
            Settle, "every shard of the killed node owned by a survivor");
        var movedDomain = DomainOnShards(victimShards);
        var onMovedShard = await b.Client.CreateDomainAsync(movedDomain.Envelope, "moved-shard");
        await writers.AwaitAcknowledgedAsync(writers.Acknowledged.Count + 20, Settle);
        await writers.StopAsync();

        onMovedShard.Accepted.ShouldBeTrue(onMovedShard.Detail);
        victimShards.ShouldAllBe(shard => ClusterStatus.Owner(moved, "domain", shard) == a.NodeId || ClusterStatus.Owner(moved, "domain", shard) == b.NodeId);
        var acknowledged = writers.Acknowledged.Append(movedDomain.Id).ToList();
        foreach (var domain in acknowledged)
        {
            (await b.Client.GetDomainAsync(domain)).ShouldNotBeNull($"{domain} was acknowledged").GetProperty("current_version").GetInt64().ShouldBe(1);
        }

        await using var journal = await PostgreSqlJournal.OpenAsync(new PostgreSqlJournalOptions { ConnectionString = db }, CancellationToken.None);
        foreach (var domain in acknowledged)
        {
            (await journal.ReadHighestSeqNrAsync($"domain|{domain}", CancellationToken.None)).ShouldBe(1, $"{domain} was acknowledged");
        }

        var keys = _members.Select(m =>
        {
            using var key = KeyFileIo.Read(Path.Combine(m.DataDir, "node.key"));
            return key.PublicKey;
        }).ToList();
        var report = await AuditVerifier.VerifyAllAsync(journal, new AuditOptions { TrustedNodeKeys = keys }, null, CancellationToken.None);
        report.Violations.ShouldBeEmpty();

        // What an operator runs: `actortrust audit verify` straight against the cluster's shared journal.
        var cli = await ActorTrustProcess.RunAsync(Path.GetTempPath(),
            ["audit", "verify", "--postgresql", db, "--trust", .. _members.Select(m => Path.Combine(m.DataDir, "node.key"))]);
        cli.Exit.ShouldBe(0, cli.Out + cli.Err);
    }

    /// <summary>A domain whose shard is one of <paramref name="shards"/> (found by the same hash the nodes use).</summary>
    private static (string Id, string Envelope) DomainOnShards(IReadOnlyCollection<int> shards)
    {
        for (var i = 0; ; i++)
        {
            var id = $"moved{i}.example.org";
            if (shards.Contains(Shards.ShardOf(id, DomainShards)))
            {
                using var trust = new TrustScenario(id);
                return (id, trust.CreateDomainEnvelope());
            }
        }
    }

    /// <summary>
    /// Four concurrent writers creating fresh domains through the target nodes in turn. A command counts as
    /// acknowledged only when a node answered that it was accepted; a failure or timeout leaves it unknown.
    /// </summary>
    private sealed class Writers : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _loops;
        private int _next;

        public Writers(IReadOnlyList<ClusterMember> targets)
        {
            Targets = targets;
            _loops = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(LoopAsync))];
        }

        public volatile IReadOnlyList<ClusterMember> Targets;

        public ConcurrentQueue<string> Acknowledged { get; } = new();

        public async Task AwaitAcknowledgedAsync(int count, TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                while (Acknowledged.Count < count)
                {
                    await Task.Delay(50, deadline.Token); // polling pace inside a deadline loop
                }
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{count} acknowledged commands not reached within {timeout} (have {Acknowledged.Count})");
            }
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_loops);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref _next);
                var targets = Targets;
                var target = targets[n % targets.Count];
                var id = $"w{n}.example.org";
                using var trust = new TrustScenario(id, seed: (byte)((n % 200) + 1));
                try
                {
                    var outcome = await target.Client.CreateDomainAsync(trust.CreateDomainEnvelope(), $"create-{n}", _stop.Token);
                    if (outcome.Accepted)
                    {
                        Acknowledged.Enqueue(id);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or ActorTrustApiException or TaskCanceledException)
                {
                    // not acknowledged: the command may or may not have been applied
                }
            }
        }
    }
}
