using System.Diagnostics;
using System.Globalization;
using ActorTrust.Benchmarks.Entity;
using ActorTrust.Runtime.Entities;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// The write-path contenders, one per layer: raw SQLite, building appends alone (serialize + chain hash),
/// <see cref="IJournal.AppendAsync"/> directly, through the group-commit <see cref="JournalWriter"/>, and
/// commands through the registry. Each counts events.
/// </summary>
internal static class WriteContenders
{
    public static Contender RawSingle(RawSqlite raw) => Contender.Sync("raw SQLite, 1 row/commit", raw.InsertCommitted);

    /// <summary>
    /// The same commits, each run on a thread-pool thread and awaited. On this VM a thread that does nothing but
    /// back-to-back fsyncs lets its vCPU idle during each one and pays the wake-up; the hop keeps pool threads
    /// spinning, which is often several times faster. The faster of the two is the honest floor.
    /// </summary>
    public static Contender RawSingleHopped(RawSqlite raw) => Contender.Async("raw SQLite, 1 row/commit, each via Task.Run", async () =>
    {
        await Task.Run(raw.InsertCommitted);
        return 1;
    });

    public static Contender RawBatches(RawSqlite raw, int rows, bool readHead = false, int? walCheckpointPages = null) =>
        new(readHead ? $"raw SQLite, {rows} rows/commit, head SELECT before each"
            : walCheckpointPages is { } pages ? $"raw SQLite, {rows} rows/commit, wal_autocheckpoint={pages} as the journal" : $"raw SQLite, {rows} rows/commit", duration => Task.FromResult(Timed.RunEach(TimeSpan.Zero, duration, () =>
        {
            raw.InsertBatch(rows, readHead);
            return rows;
        })));

    public static Contender BuildOnly(string entityId, int events, WriterIdentity writer)
    {
        var head = new ChainHead(PersistenceIds.For(BenchCounter.KindName, entityId));
        return Contender.Async("build append alone (serialize + hash)", () =>
        {
            head.Advance(head.Next(events, writer));
            return Task.FromResult(events);
        });
    }

    public static Contender JournalDirect(RuntimeRig rig, string entityId, int events, WriterIdentity writer, CancellationToken cancellationToken)
    {
        var head = new ChainHead(PersistenceIds.For(BenchCounter.KindName, entityId));
        return Contender.Async("IJournal.AppendAsync direct", async () =>
        {
            var append = head.Next(events, writer);
            Committed((await rig.Journal.AppendAsync([append], cancellationToken))[0]);
            head.Advance(append);
            return events;
        });
    }

    /// <summary><paramref name="perBatch"/> one-event appends to different streams per <see cref="IJournal.AppendAsync"/> call: the group-commit shape without the runtime.</summary>
    public static Contender JournalBatched(RuntimeRig rig, int streams, int perBatch, WriterIdentity writer, CancellationToken cancellationToken)
    {
        var heads = Enumerable.Range(0, streams).Select(i => new ChainHead(PersistenceIds.For(BenchCounter.KindName, $"journal-batched-{i}"))).ToArray();
        var next = 0;
        return Contender.Async($"build + IJournal.AppendAsync, {perBatch} one-event streams/transaction", async () =>
        {
            var chosen = Enumerable.Range(0, perBatch).Select(_ => heads[next++ % heads.Length]).ToArray();
            var batch = chosen.Select(head => head.Next(1, writer)).ToArray();
            var outcomes = await rig.Journal.AppendAsync(batch, cancellationToken);
            for (var i = 0; i < chosen.Length; i++)
            {
                Committed(outcomes[i]);
                chosen[i].Advance(batch[i]);
            }

            return perBatch;
        });
    }

    public static Contender ViaWriter(RuntimeRig rig, string entityId, int events, WriterIdentity writer, CancellationToken cancellationToken)
    {
        var head = new ChainHead(PersistenceIds.For(BenchCounter.KindName, entityId));
        return Contender.Async("via JournalWriter", async () =>
        {
            var append = head.Next(events, writer);
            Committed(await rig.Writer.AppendAsync(append, cancellationToken));
            head.Advance(append);
            return events;
        });
    }

    /// <summary>One entity, each command awaited before the next; <paramref name="events"/> events per command.</summary>
    public static Contender ViaRegistry(RuntimeRig rig, string entityId, int events, CancellationToken cancellationToken)
    {
        long sent = 0;
        BenchCommand command = events == 1 ? new Step(1) : new Burst(events);
        return Contender.Async("via registry", async () =>
        {
            var commandId = string.Create(CultureInfo.InvariantCulture, $"cmd-{++sent}");
            Accepted(await rig.Registry.SendAsync(entityId, commandId, command, cancellationToken));
            return events;
        });
    }

    /// <summary>
    /// Rounds of <paramref name="ids"/> entities each sending <paramref name="commands"/> commands one after the
    /// other, all entities at once; records each command's latency.
    /// </summary>
    public static Contender Concurrent(RuntimeRig rig, string[] ids, int commands, Latencies latencies, GroupCommitStats stats, CancellationToken cancellationToken)
    {
        var round = 0;
        return new("registry, concurrent entities", duration => Interleaved.RepeatAsync(duration, async () =>
        {
            var r = ++round;
            var batches = rig.Writer.BatchesWritten;
            await Task.WhenAll(ids.Select(id => EntityLoopAsync(id, r)));
            stats.Add((long)ids.Length * commands, rig.Writer.BatchesWritten - batches);
            return (long)ids.Length * commands;
        }));

        async Task EntityLoopAsync(string id, int r)
        {
            var ticks = new long[commands];
            for (var k = 0; k < commands; k++)
            {
                var start = Stopwatch.GetTimestamp();
                var commandId = string.Create(CultureInfo.InvariantCulture, $"{id}-{r}-{k}");
                Accepted(await rig.Registry.SendAsync(id, commandId, new Step(1), cancellationToken));
                ticks[k] = Stopwatch.GetTimestamp() - start;
            }

            latencies.AddRange(ticks);
        }
    }

    private static void Committed(AppendOutcome outcome)
    {
        if (outcome.Status != AppendStatus.Committed)
        {
            throw new InvalidOperationException($"append not committed: {outcome.Status} {outcome.Detail}");
        }
    }

    private static void Accepted(CommandResult<BenchState> result)
    {
        if (!result.IsAccepted)
        {
            throw new InvalidOperationException($"benchmark command not accepted: {result.Status} {result.Rejection}");
        }
    }
}

/// <summary>Events and journal transactions of the concurrent scenario: how much group commit batches.</summary>
internal sealed class GroupCommitStats
{
    private long _events;
    private long _batches;

    public double EventsPerBatch => _batches == 0 ? 0 : (double)_events / _batches;

    public void Add(long events, long batches)
    {
        _events += events;
        _batches += batches;
    }

    public void Clear() => (_events, _batches) = (0, 0);
}
