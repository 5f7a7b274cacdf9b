using ActorTrust.Benchmarks.Entity;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;
using BenchmarkDotNet.Attributes;

namespace ActorTrust.Benchmarks.Micro;

/// <summary><see cref="ChainVerifier.Check"/> over an in-memory chain: the CPU cost of verification per event, without I/O.</summary>
[MemoryDiagnoser]
public class ChainVerifierBenchmarks
{
    private const int Events = 1000;
    private const string PersistenceId = "bench|verify";
    private JournalRecord[] _records = [];

    [GlobalSetup]
    public void BuildChain()
    {
        var payload = BenchCounter.Kind.Events.Serialize(new Stepped(1, BenchDecider.Reason));
        var timestamp = HashChain.Truncate(new DateTimeOffset(2026, 11, 21, 23, 23, 15, 123, TimeSpan.Zero));
        var prev = HashChain.Genesis(PersistenceId);
        _records = new JournalRecord[Events];
        for (var i = 0; i < Events; i++)
        {
            var seq = i + 1L;
            var commandId = $"cmd-{seq}";
            var hash = HashChain.Compute(prev, PersistenceId, seq, "bench.stepped.v1", payload, timestamp, "bench:0:1", 1, commandId);
            _records[i] = new JournalRecord(seq, PersistenceId, seq, "bench.stepped.v1", payload, timestamp, "bench:0:1", 1, commandId, prev, hash);
            prev = hash;
        }
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public Digest Check()
    {
        var verifier = new ChainVerifier(PersistenceId);
        foreach (var record in _records)
        {
            if (verifier.Check(record) is { } violation)
            {
                throw new InvalidOperationException(violation.ToString());
            }
        }

        return verifier.LastHash;
    }
}
