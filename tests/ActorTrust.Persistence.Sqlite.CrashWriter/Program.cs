using System.Globalization;
using ActorTrust.Persistence.Sqlite;
using ActorTrust.Persistence.Sqlite.CrashWriter;
using ActorTrust.Runtime.Journal;

// Usage: CrashWriter <database path> [max seconds = 120]
// Runs 4 concurrent writers, each owning 3 streams, appending batches of 1–2 streams × 1–4 events through
// IJournal.AppendAsync. After each batch commits it prints "ack <persistence id> <last seq> end" per stream
// and flushes, so every printed line is an acknowledged, durable append. It stops by itself after the
// time limit (so a test that dies never leaves it running for long) and otherwise runs until killed.
if (args.Length is < 1 or > 2)
{
    await Console.Error.WriteLineAsync("usage: CrashWriter <database path> [max seconds]");
    return 2;
}

var maxSeconds = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 120;
using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds));
await using var journal = await SqliteJournal.OpenAsync(new SqliteJournalOptions { DataSource = args[0] }, deadline.Token);
var writer = new WriterIdentity(string.Create(CultureInfo.InvariantCulture, $"crash-writer:0:{Environment.ProcessId}"), 1);
var output = new object();

try
{
    await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() => WriteLoopAsync(w, deadline.Token))));
}
catch (OperationCanceledException) when (deadline.IsCancellationRequested)
{
}

Console.Out.WriteLine("done");
return 0;

async Task WriteLoopAsync(int worker, CancellationToken cancellationToken)
{
    var heads = Enumerable.Range(0, 3).Select(s => new ChainHead($"crash|w{worker}-s{s}")).ToArray();
    for (var round = 0; !cancellationToken.IsCancellationRequested; round++)
    {
        var chosen = round % 3 == 0 ? new[] { heads[round % 3], heads[(round + 1) % 3] } : [heads[round % 3]];
        var batch = chosen.Select((head, i) => head.Next(1 + ((round + i) % 4), writer, HashChain.Truncate(DateTimeOffset.UtcNow))).ToArray();
        var outcomes = await journal.AppendAsync(batch, CancellationToken.None);
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i].Status != AppendStatus.Committed)
            {
                throw new InvalidOperationException($"{outcomes[i].PersistenceId}: {outcomes[i].Status} {outcomes[i].Detail}");
            }

            chosen[i].Advance(batch[i]);
            lock (output)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {chosen[i].PersistenceId} {chosen[i].SeqNr} end"));
                Console.Out.Flush();
            }
        }
    }
}
