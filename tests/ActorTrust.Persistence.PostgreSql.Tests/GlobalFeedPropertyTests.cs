using System.Collections.Concurrent;
using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.JournalConformance;
using ActorTrust.TestKit.Postgres;
using Npgsql;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>
/// The global feed under concurrent writers: 8 writers with random delays append through the journal and, through
/// raw connections, hold transactions open for a while before committing (slow transactions) or rolling back
/// (~10%). A reader polling the feed the whole time must end with exactly the committed events, each once, with
/// strictly increasing positions — it never skips an event of a transaction that committed late.
/// </summary>
public sealed class GlobalFeedPropertyTests(PostgresFixture postgres) : PostgresTestBase(postgres)
{
    private const int Writers = 8;
    private const int RoundsPerWriter = 40;

    [PostgresFact]
    public async Task Reader_polling_during_concurrent_slow_and_rolled_back_writes_ends_with_exactly_the_committed_events()
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            await RunAsync(seed);
        }
    }

    [PostgresFact]
    public async Task Transaction_id_order_and_position_order_agree()
    {
        await RunAsync(seed: 7);

        var disagreements = await Db.ScalarAsync<long>(ConnectionString, """
            SELECT count(*) FROM (SELECT tx_id, lag(tx_id) OVER (ORDER BY global_pos) AS previous FROM journal) AS s
             WHERE previous > tx_id
            """);
        disagreements.ShouldBe(0);
    }

    private async Task RunAsync(int seed)
    {
        var committed = new ConcurrentBag<(string PersistenceId, long SeqNr)>();
        using var writersDone = new CancellationTokenSource();
        var start = await Db.ScalarAsync<long>(ConnectionString, "SELECT coalesce(max(global_pos), 0) FROM journal"); // earlier runs
        var reader = Task.Run(() => PollFeedAsync(start, writersDone.Token));
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(seed, w, committed))));
        await writersDone.CancelAsync();
        var seen = await reader.WaitAsync(TimeSpan.FromSeconds(60));

        var positions = seen.Select(r => r.GlobalPosition).ToList();
        for (var i = 1; i < positions.Count; i++)
        {
            positions[i].ShouldBeGreaterThan(positions[i - 1], $"seed {seed}: feed position {i}");
        }

        var seenKeys = seen.Select(r => (r.PersistenceId, r.SeqNr)).ToList();
        seenKeys.Distinct().Count().ShouldBe(seenKeys.Count, $"seed {seed}: an event was delivered twice");
        var missing = committed.Except(seenKeys).ToList();
        var extra = seenKeys.Except(committed).ToList();
        missing.ShouldBeEmpty($"seed {seed}: committed but never delivered: {string.Join(", ", missing.Take(10))}");
        extra.ShouldBeEmpty($"seed {seed}: delivered but not committed: {string.Join(", ", extra.Take(10))}");
        seenKeys.Count.ShouldBe(committed.Count);
    }

    /// <summary>Polls from the last position seen until the writers are done and a final read returns nothing new.</summary>
    private async Task<List<JournalRecord>> PollFeedAsync(long after, CancellationToken writersDone)
    {
        var seen = new List<JournalRecord>();
        while (true)
        {
            var finished = writersDone.IsCancellationRequested; // read before the page: a page read after the end is complete
            var page = await Journal.ReadFeedAsync(after, 37, FeedFilter.All, Budget);
            seen.AddRange(page);
            if (page.Count > 0)
            {
                after = page[^1].GlobalPosition;
            }
            else if (finished)
            {
                return seen;
            }
        }
    }

    private async Task WriteAsync(int seed, int writer, ConcurrentBag<(string, long)> committed)
    {
        var random = new Random(seed * 1000 + writer);
        var identity = new WriterIdentity($"127.0.0.1:{7000 + writer}:1", 1);
        var streams = new[] { new TestStream($"agent|s{seed}-w{writer}-a", identity), new TestStream($"session|s{seed}-w{writer}-b", identity) };
        var rawPid = $"raw|s{seed}-w{writer}";
        var rawSeq = 0L;
        await using var raw = await Db.OpenAsync(ConnectionString);
        for (var round = 0; round < RoundsPerWriter; round++)
        {
            await Task.Delay(random.Next(0, 4)); // workload shaping: writers interleave differently per seed
            var roll = random.Next(100);
            if (roll < 10)
            {
                await RawTransactionAsync(raw, rawPid, rawSeq + 1, random.Next(1, 4), random.Next(0, 15), commit: false);
            }
            else if (roll < 30)
            {
                var count = random.Next(1, 4);
                await RawTransactionAsync(raw, rawPid, rawSeq + 1, count, random.Next(0, 15), commit: true);
                for (var i = 1; i <= count; i++)
                {
                    committed.Add((rawPid, rawSeq + i));
                }

                rawSeq += count;
            }
            else
            {
                var batch = streams.Where(_ => random.Next(2) == 0).DefaultIfEmpty(streams[0]).Select(s => (s, s.Next(random.Next(1, 4)))).ToList();
                var outcomes = await Journal.AppendAsync(batch.Select(b => b.Item2).ToList(), Budget);
                for (var i = 0; i < batch.Count; i++)
                {
                    outcomes[i].Status.ShouldBe(AppendStatus.Committed, outcomes[i].Detail);
                    batch[i].s.MarkCommitted(batch[i].Item2);
                    foreach (var e in batch[i].Item2.Events)
                    {
                        committed.Add((batch[i].s.PersistenceId, e.SeqNr));
                    }
                }
            }
        }
    }

    /// <summary>
    /// A transaction the way the journal writes one (positions reserved first), held open for
    /// <paramref name="holdMs"/> before it commits or rolls back — a slow writer the feed must wait for.
    /// </summary>
    private static async Task RawTransactionAsync(NpgsqlConnection raw, string pid, long firstSeq, int count, int holdMs, bool commit)
    {
        await using var transaction = await raw.BeginTransactionAsync();
        await Db.ExecuteAsync(raw, """
            INSERT INTO journal (global_pos, persistence_id, kind, seq_nr, event_type, payload, timestamp, writer_node, writer_token, command_id, prev_hash, hash)
            SELECT r.first + s.i, $1, 'raw', $2 + s.i, 't', '\x00', now(), 'raw', 1, 'c', decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex')
              FROM (SELECT journal_reserve_positions($3) AS first) AS r, generate_series(0, $3 - 1) AS s(i)
            """, pid, firstSeq, count);
        await Task.Delay(holdMs); // keeps the transaction open while others commit around it
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }
    }
}
