using ActorTrust.Benchmarks.Entity;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;
using BenchmarkDotNet.Attributes;

namespace ActorTrust.Benchmarks.Micro;

/// <summary>The chain hash of one event (what every write and every replayed event pays).</summary>
[MemoryDiagnoser]
public class HashChainBenchmarks
{
    private readonly byte[] _payload = BenchCounter.Kind.Events.Serialize(new Stepped(1, BenchDecider.Reason));
    private readonly Digest _prev = HashChain.Genesis("bench|micro");
    private readonly DateTimeOffset _timestamp = HashChain.Truncate(new DateTimeOffset(2026, 11, 21, 23, 23, 15, 123, TimeSpan.Zero));

    [Benchmark]
    public Digest Compute() =>
        HashChain.Compute(_prev, "bench|micro", 12_345, "bench.stepped.v1", _payload, _timestamp, "bench:0:1", 1, "cmd-12345");

    [Benchmark]
    public Digest Genesis() => HashChain.Genesis("bench|micro");
}
