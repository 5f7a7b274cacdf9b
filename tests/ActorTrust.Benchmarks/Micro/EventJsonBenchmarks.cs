using ActorTrust.Benchmarks.Entity;
using BenchmarkDotNet.Attributes;

namespace ActorTrust.Benchmarks.Micro;

/// <summary>An event to its canonical JSON payload (RFC 8785) and back, through the kind's event catalog.</summary>
[MemoryDiagnoser]
public class EventJsonBenchmarks
{
    private readonly Stepped _event = new(12_345, BenchDecider.Reason);
    private readonly byte[] _payload = BenchCounter.Kind.Events.Serialize(new Stepped(12_345, BenchDecider.Reason));

    [Benchmark]
    public byte[] Serialize() => BenchCounter.Kind.Events.Serialize(_event);

    [Benchmark]
    public object Deserialize() => BenchCounter.Kind.Events.Deserialize("bench.stepped.v1", _payload);
}
