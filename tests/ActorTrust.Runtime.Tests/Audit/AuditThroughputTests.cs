using System.Diagnostics;
using System.Globalization;
using System.Text;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Journal;
using ActorTrust.TestKit.Journal;
using Xunit.Abstractions;

namespace ActorTrust.Runtime.Tests.Audit;

/// <summary>
/// Measures audit throughput and prints it; asserts only correctness, never time (timed assertions belong in
/// the benchmarks). Size with <c>AUDIT_BENCH_EVENTS</c> (default 100 000).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class AuditThroughputTests(ITestOutputHelper output)
{
    private const int EventsPerStream = 100;
    private static readonly WriterIdentity Writer = new("bench:0:1", 1);

    [Fact]
    public async Task Full_audit_of_a_large_journal_verifies_clean_and_reports_its_rate()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("AUDIT_BENCH_EVENTS"), CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        var journal = await BuildAsync(total / EventsPerStream);
        var records = await journal.ReadFeedAsync(0, int.MaxValue, FeedFilter.All, CancellationToken.None);

        var chainOnly = Stopwatch.StartNew();
        var verifiers = new Dictionary<string, ChainVerifier>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var verifier = verifiers.TryGetValue(record.PersistenceId, out var v) ? v : verifiers[record.PersistenceId] = new ChainVerifier(record.PersistenceId);
            verifier.Check(record).ShouldBeNull();
        }

        chainOnly.Stop();
        var report = await AuditVerifier.VerifyAllAsync(journal, new AuditOptions { FeedPageSize = 5000 }, null, CancellationToken.None);

        report.IsClean.ShouldBeTrue();
        report.EventsChecked.ShouldBe(records.Count);
        output.WriteLine($"{records.Count} events in {verifiers.Count} streams, {Environment.ProcessorCount} cores");
        output.WriteLine($"chain verification only: {records.Count / chainOnly.Elapsed.TotalSeconds:N0} events/s");
        output.WriteLine($"full audit (streams + feed): {report.EventsPerSecond:N0} events/s, {report.Elapsed.TotalMilliseconds:N0} ms");
    }

    private static async Task<InMemoryJournal> BuildAsync(int streams)
    {
        var journal = new InMemoryJournal();
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var heads = new (long SeqNr, ActorTrust.Core.Hashing.Digest Hash)[streams];
        for (var s = 0; s < streams; s++)
        {
            heads[s] = (0, HashChain.Genesis(Pid(s)));
        }

        for (var seq = 1; seq <= EventsPerStream; seq++)
        {
            var batch = new List<StreamAppend>(streams);
            for (var s = 0; s < streams; s++)
            {
                var payload = Encoding.UTF8.GetBytes(
                    $$"""{"agent_id":"spiffe://example.org/agent/{{s}}","by":{{seq}},"reason":"routine rotation of the manifest","tool":"search"}""");
                var hash = HashChain.Compute(heads[s].Hash, Pid(s), seq, "bench.event.v1", payload, at, Writer.Node, Writer.FencingToken, $"c{seq}");
                batch.Add(new StreamAppend(Pid(s), seq - 1, Writer, [new EventToAppend(seq, "bench.event.v1", payload, at, $"c{seq}", heads[s].Hash, hash)]));
                heads[s] = (seq, hash);
            }

            await journal.AppendAsync(batch, CancellationToken.None);
        }

        return journal;
    }

    private static string Pid(int stream) => $"agent|spiffe://example.org/agent/{stream}";
}
