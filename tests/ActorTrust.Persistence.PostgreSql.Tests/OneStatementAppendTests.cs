using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Journal;
using ActorTrust.Runtime.Sharding;
using ActorTrust.TestKit.JournalConformance;
using ActorTrust.TestKit.Postgres;

namespace ActorTrust.Persistence.PostgreSql.Tests;

/// <summary>
/// The one-statement append (<c>journal_append_batch</c>): taken once every kind of a batch is known registered and no
/// stream appears twice; it keeps every guarantee of the general path and words refusals the same way.
/// </summary>
public sealed class OneStatementAppendTests(PostgresFixture postgres) : PostgresTestBase(postgres)
{
    private const string NodeA = "127.0.0.1:7001:1";
    private const string NodeB = "127.0.0.1:7002:2";
    private const int NumShards = 8;
    private readonly Dictionary<int, LeaseGrant> _held = [];

    [PostgresFact]
    public async Task Batch_of_registered_streams_commits_in_one_statement_with_consecutive_positions_in_batch_order()
    {
        var streams = await WarmStreamsAsync(3);
        var before = Journal.OneStatementAppends;
        var batch = new[] { streams[0].Next(2), streams[1].Next(1), streams[2].Next(3) };

        var outcomes = await Journal.AppendAsync(batch, Budget);

        Journal.OneStatementAppends.ShouldBe(before + 1);
        outcomes.Select(o => o.Status).ShouldAllBe(s => s == AppendStatus.Committed);
        var positions = outcomes.SelectMany(o => o.GlobalPositions).ToArray();
        positions.Length.ShouldBe(6);
        positions.Zip(positions.Skip(1)).ShouldAllBe(p => p.Second == p.First + 1);
        for (var i = 0; i < batch.Length; i++)
        {
            streams[i].MarkCommitted(batch[i]);
            var stored = await ReadAllAsync(streams[i].PersistenceId);
            stored.Select(r => (r.SeqNr, r.Hash, r.PrevHash, r.WriterToken)).ShouldBe(
                streams[i].Committed.Select(c => (c.Event.SeqNr, c.Event.Hash, c.Event.PrevHash, c.Writer.FencingToken)));
        }
    }

    [PostgresFact]
    public async Task Refused_streams_take_no_positions_and_the_others_of_the_batch_commit()
    {
        var streams = await WarmStreamsAsync(4);
        var wrongSeq = new TestStream(streams[1].PersistenceId, streams[1].Writer).Next(1); // expects an empty stream
        var wrongPrev = streams[2].Next(1);
        wrongPrev = wrongPrev with { Events = [wrongPrev.Events[0] with { PrevHash = streams[0].LastHash }] };
        var batch = new[] { streams[0].Next(2), wrongSeq, wrongPrev, streams[3].Next(1) };
        var before = Journal.OneStatementAppends;

        var outcomes = await Journal.AppendAsync(batch, Budget);

        Journal.OneStatementAppends.ShouldBe(before + 1);
        outcomes.Select(o => o.Status).ShouldBe([AppendStatus.Committed, AppendStatus.SequenceConflict, AppendStatus.SequenceConflict, AppendStatus.Committed]);
        outcomes[1].Detail.ShouldBe("stream is at seq 1; the writer expected 0");
        outcomes[2].Detail.ShouldBe($"prev_hash {streams[0].LastHash} of seq 2 does not match the stream head {streams[2].LastHash}");
        outcomes[3].GlobalPositions.Single().ShouldBe(outcomes[0].GlobalPositions[^1] + 1);
        (await Journal.ReadHighestSeqNrAsync(streams[1].PersistenceId, Budget)).ShouldBe(1);
        (await Journal.ReadHighestSeqNrAsync(streams[2].PersistenceId, Budget)).ShouldBe(1);
    }

    [PostgresFact]
    public async Task Writer_ahead_of_the_stream_is_refused_and_told_the_streams_real_head()
    {
        var streams = await WarmStreamsAsync(1);
        var ahead = new TestStream(streams[0].PersistenceId, streams[0].Writer);
        ahead.MarkCommitted(ahead.Next(3)); // believes seq 1..3 are stored; only seq 1 is
        var before = Journal.OneStatementAppends;

        var outcome = await AppendOneAsync(ahead.Next(1));

        Journal.OneStatementAppends.ShouldBe(before + 1);
        outcome.Status.ShouldBe(AppendStatus.SequenceConflict);
        outcome.Detail.ShouldBe("stream is at seq 1; the writer expected 3");
        (await Journal.ReadHighestSeqNrAsync(streams[0].PersistenceId, Budget)).ShouldBe(1);
    }

    [PostgresFact]
    public async Task Batch_whose_every_stream_is_refused_stores_nothing_and_reports_each_refusal()
    {
        var streams = await WarmStreamsAsync(2);
        var stale = streams.Select(s => new TestStream(s.PersistenceId, s.Writer).Next(1)).ToArray(); // both expect an empty stream
        var rowsBefore = await Db.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM journal");

        var outcomes = await Journal.AppendAsync(stale, Budget);

        outcomes.Select(o => (o.Status, o.Detail, o.GlobalPositions.Count)).ShouldBe(
            [(AppendStatus.SequenceConflict, "stream is at seq 1; the writer expected 0", 0), (AppendStatus.SequenceConflict, "stream is at seq 1; the writer expected 0", 0)]);
        (await Db.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM journal")).ShouldBe(rowsBefore);
    }

    [PostgresFact]
    public async Task New_stream_whose_first_prev_hash_is_not_the_genesis_hash_is_refused()
    {
        var streams = await WarmStreamsAsync(1);
        var fresh = new TestStream("agent|fresh", new WriterIdentity(NodeA, streams[0].Writer.FencingToken));
        await HoldAsync("fresh");
        var append = fresh.Next(1);
        append = append with { Events = [append.Events[0] with { PrevHash = streams[0].LastHash }] };

        var outcome = await AppendOneAsync(append);

        outcome.Status.ShouldBe(AppendStatus.SequenceConflict);
        outcome.Detail.ShouldBe($"prev_hash {streams[0].LastHash} of seq 1 does not match the stream head {HashChain.Genesis("agent|fresh")}");
        (await Journal.ReadHighestSeqNrAsync("agent|fresh", Budget)).ShouldBe(0);
    }

    [PostgresFact]
    public async Task Writer_that_is_not_the_lease_owner_is_fenced_with_the_holder_named()
    {
        var streams = await WarmStreamsAsync(1);
        var (shard, grant) = await HoldAsync("e-0");
        var zombie = streams[0].Next(1, new WriterIdentity(NodeB, grant.Token));

        var outcome = await AppendOneAsync(zombie);

        outcome.Status.ShouldBe(AppendStatus.Fenced);
        outcome.Detail.ShouldBe($"shard agent/{shard} is held by {NodeA} with token {grant.Token}; writer {NodeB} has token {grant.Token}");
        (await Journal.ReadHighestSeqNrAsync("agent|e-0", Budget)).ShouldBe(1);
    }

    [PostgresFact]
    public async Task Shard_without_a_lease_row_fences_its_writer()
    {
        var streams = await WarmStreamsAsync(1);
        var (shard, _) = await HoldAsync("e-0");
        await Db.ExecuteAsync(ConnectionString, "DELETE FROM shard_leases WHERE kind = 'agent' AND shard = $1", shard);

        var outcome = await AppendOneAsync(streams[0].Next(1));

        outcome.Status.ShouldBe(AppendStatus.Fenced);
        outcome.Detail.ShouldBe($"shard agent/{shard} has no lease row; writer {NodeA} token {streams[0].Writer.FencingToken}");
    }

    [PostgresFact]
    public async Task Writer_token_older_than_the_streams_last_writer_token_is_fenced()
    {
        var streams = await WarmStreamsAsync(1);
        await Db.ExecuteAsync(ConnectionString, "UPDATE journal SET writer_token = 99 WHERE persistence_id = 'agent|e-0'");

        var outcome = await AppendOneAsync(streams[0].Next(1));

        outcome.Status.ShouldBe(AppendStatus.Fenced);
        outcome.Detail.ShouldBe($"writer token {streams[0].Writer.FencingToken} is older than the stream's last writer token 99");
    }

    [PostgresFact]
    public async Task Each_distinct_writer_of_a_shard_is_fenced_on_its_own_within_one_statement()
    {
        var streams = await WarmStreamsAsync(1);
        var (shard, grant) = await HoldAsync("e-0");
        var sameShard = Enumerable.Range(1, 1000).Select(i => $"s-{i}").Where(id => Shards.ShardOf(id, NumShards) == shard).Take(2).ToArray();
        var others = new List<TestStream>();
        foreach (var id in sameShard)
        {
            var stream = new TestStream($"agent|{id}", streams[0].Writer);
            var first = stream.Next(1);
            (await AppendOneAsync(first)).Status.ShouldBe(AppendStatus.Committed);
            stream.MarkCommitted(first);
            others.Add(stream);
        }

        var before = Journal.OneStatementAppends;
        var batch = new[]
        {
            streams[0].Next(1),
            others[0].Next(1, new WriterIdentity(NodeA, grant.Token - 1)), // the holder's node with a stale token
            others[1].Next(1, new WriterIdentity(NodeB, grant.Token)),     // another node with the holder's token
        };

        var outcomes = await Journal.AppendAsync(batch, Budget);

        Journal.OneStatementAppends.ShouldBe(before + 1);
        outcomes.Select(o => o.Status).ShouldBe([AppendStatus.Committed, AppendStatus.Fenced, AppendStatus.Fenced]);
        outcomes[1].Detail.ShouldBe($"shard agent/{shard} is held by {NodeA} with token {grant.Token}; writer {NodeA} has token {grant.Token - 1}");
        outcomes[2].Detail.ShouldBe($"shard agent/{shard} is held by {NodeA} with token {grant.Token}; writer {NodeB} has token {grant.Token}");
        (await Journal.ReadHighestSeqNrAsync(others[0].PersistenceId, Budget)).ShouldBe(1);
        (await Journal.ReadHighestSeqNrAsync(others[1].PersistenceId, Budget)).ShouldBe(1);
        (await Journal.ReadHighestSeqNrAsync(streams[0].PersistenceId, Budget)).ShouldBe(2);
    }

    [PostgresFact]
    public async Task Concurrent_appends_share_the_few_connections_of_the_append_pool()
    {
        var streams = await WarmStreamsAsync(PostgreSqlJournalOptions.DefaultAppendConnections + 8);

        var outcomes = await Task.WhenAll(streams.Select(s => AppendOneAsync(s.Next(1))));

        outcomes.Select(o => o.Status).ShouldAllBe(s => s == AppendStatus.Committed);
        var appendBackends = await Db.ScalarAsync<long>(ConnectionString,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
            PostgreSqlJournalOptions.AppendApplicationName);
        appendBackends.ShouldBeInRange(1, PostgreSqlJournalOptions.DefaultAppendConnections);
    }

    [PostgresFact]
    public async Task Call_whose_stream_names_no_fence_is_refused_with_an_error_and_stores_nothing()
    {
        var streams = await WarmStreamsAsync(1);
        var rowsBefore = await Db.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM journal");
        var hash = new byte[32];
        var now = DateTime.UtcNow;
        object[] arguments =
        [
            new[] { "agent" }, new[] { 0 }, new[] { NodeA }, new[] { 1L },
            new[] { "agent|e-0", "agent|e-9" }, new[] { 1 }, new[] { 1L, 0L }, new[] { hash, hash }, new byte[]?[] { null, null },
            new[] { 1, 2 }, new[] { 2L, 1L }, new[] { "t", "t" }, new[] { new byte[1], new byte[1] }, new[] { now, now }, new[] { "c", "d" },
            new[] { hash, hash }, new[] { hash, hash },
        ];

        var error = await Should.ThrowAsync<Npgsql.PostgresException>(() => Db.ExecuteAsync(ConnectionString,
            "SELECT * FROM journal_append_fenced($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)", arguments));

        error.MessageText.ShouldContain("every stream needs its fence");
        (await Db.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM journal")).ShouldBe(rowsBefore);
        (await Journal.ReadHighestSeqNrAsync(streams[0].PersistenceId, Budget)).ShouldBe(1);
    }

    [PostgresFact]
    public async Task Batch_naming_a_stream_twice_takes_the_general_path_and_chains_both_appends()
    {
        var streams = await WarmStreamsAsync(1);
        var first = streams[0].Next(1);
        streams[0].MarkCommitted(first);
        var second = streams[0].Next(1);
        var before = Journal.OneStatementAppends;

        var outcomes = await Journal.AppendAsync([first, second], Budget);

        Journal.OneStatementAppends.ShouldBe(before);
        outcomes.Select(o => o.Status).ShouldBe([AppendStatus.Committed, AppendStatus.Committed]);
        (await Journal.ReadHighestSeqNrAsync("agent|e-0", Budget)).ShouldBe(3);
    }

    [PostgresFact]
    public async Task General_path_tells_a_writer_ahead_of_the_stream_the_streams_real_head()
    {
        var loose = new TestStream("loose|s-1", new WriterIdentity(NodeA, 1)); // an unregistered kind: always the general path
        for (var i = 0; i < 3; i++)
        {
            var next = loose.Next(1);
            (await AppendOneAsync(next)).Status.ShouldBe(AppendStatus.Committed);
            loose.MarkCommitted(next);
        }

        var ahead = new TestStream(loose.PersistenceId, loose.Writer);
        ahead.MarkCommitted(ahead.Next(5)); // believes seq 1..5 are stored; 1..3 are
        var before = Journal.OneStatementAppends;

        var outcome = await AppendOneAsync(ahead.Next(1));

        Journal.OneStatementAppends.ShouldBe(before);
        outcome.Status.ShouldBe(AppendStatus.SequenceConflict);
        outcome.Detail.ShouldBe("stream is at seq 3; the writer expected 5");
        (await Journal.ReadHighestSeqNrAsync(loose.PersistenceId, Budget)).ShouldBe(3);
    }

    [PostgresFact]
    public async Task Unique_violation_in_the_one_statement_path_rolls_the_batch_back_and_retries_each_stream_alone()
    {
        var streams = await WarmStreamsAsync(2);
        // Another writer (raw SQL) already holds seq 2 of stream 0: the batch's INSERT hits the primary key.
        await Db.InsertRawEventAsync(ConnectionString, "agent|e-0", seqNr: 2);
        var before = Journal.OneStatementAppends;

        var outcomes = await Journal.AppendAsync([streams[0].Next(1) with { ExpectedSeqNr = 1 }, streams[1].Next(1)], Budget);

        outcomes[1].Status.ShouldBe(AppendStatus.Committed);
        outcomes[0].Status.ShouldBe(AppendStatus.SequenceConflict);
        (await Journal.ReadHighestSeqNrAsync("agent|e-1", Budget)).ShouldBe(2);
        Journal.OneStatementAppends.ShouldBe(before + 1); // the failed batch counts nothing; one of the retries succeeds
    }

    [PostgresFact]
    public async Task Takeover_waits_for_a_one_statement_append_holding_the_lease_row_for_share()
    {
        var streams = await WarmStreamsAsync(1);
        var (shard, grant) = await HoldAsync("e-0");
        await Db.ExpireLeaseAsync(ConnectionString, "agent", shard, TimeSpan.FromMinutes(1)); // open for takeover
        var append = streams[0].Next(1);
        await using var blocker = await Db.OpenAsync(ConnectionString);
        await using var blockerTx = await blocker.BeginTransactionAsync();
        await Db.InsertRawEventAsync(blocker, "agent|e-0", seqNr: 2);
        var appending = Journal.AppendAsync([append], Budget);
        await Db.WaitUntilBlockedOnLockAsync(ConnectionString, "SELECT stream, status");

        var takingOver = Store.TryAcquireAsync("agent", shard, NodeB, Ttl, Grace, Budget);
        await Db.WaitUntilBlockedOnLockAsync(ConnectionString, "UPDATE shard_leases");
        takingOver.IsCompleted.ShouldBeFalse();
        appending.IsCompleted.ShouldBeFalse();

        await blockerTx.RollbackAsync();
        var outcome = (await appending.WaitAsync(TimeSpan.FromSeconds(30))).Single();
        var takeover = await takingOver.WaitAsync(TimeSpan.FromSeconds(30));

        outcome.Status.ShouldBe(AppendStatus.Committed, outcome.Detail);
        takeover!.Token.ShouldBe(grant.Token + 1);
        streams[0].MarkCommitted(append);
        (await AppendOneAsync(streams[0].Next(1))).Status.ShouldBe(AppendStatus.Fenced);
    }

    /// <summary>
    /// <paramref name="count"/> streams <c>agent|e-N</c> on shards held by <see cref="NodeA"/>, each with one committed
    /// event, so the journal knows the kind and later batches take the one-statement path.
    /// </summary>
    private async Task<TestStream[]> WarmStreamsAsync(int count)
    {
        var streams = new TestStream[count];
        for (var i = 0; i < count; i++)
        {
            var id = $"e-{i}";
            var (_, grant) = await HoldAsync(id);
            streams[i] = new TestStream($"agent|{id}", new WriterIdentity(NodeA, grant.Token));
            var first = streams[i].Next(1);
            (await AppendOneAsync(first)).Status.ShouldBe(AppendStatus.Committed);
            streams[i].MarkCommitted(first);
        }

        return streams;
    }

    /// <summary>The shard of <c>agent|{entityId}</c>, held by <see cref="NodeA"/> (acquired on first use).</summary>
    private async Task<(int Shard, LeaseGrant Grant)> HoldAsync(string entityId)
    {
        if (_held.Count == 0)
        {
            await Store.RegisterKindAsync("agent", NumShards, Budget);
        }

        var shard = Shards.ShardOf(entityId, NumShards);
        if (!_held.TryGetValue(shard, out var grant))
        {
            grant = (await Store.TryAcquireAsync("agent", shard, NodeA, Ttl, Grace, Budget)).ShouldNotBeNull();
            _held[shard] = grant;
        }

        return (shard, grant);
    }

    private async Task<List<JournalRecord>> ReadAllAsync(string persistenceId)
    {
        var records = new List<JournalRecord>();
        await foreach (var record in Journal.ReadStreamAsync(persistenceId, 1, Budget))
        {
            records.Add(record);
        }

        return records;
    }
}
