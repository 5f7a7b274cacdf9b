using System.Security.Cryptography;
using ActorTrust.Core.Hashing;
using BenchmarkDotNet.Attributes;

namespace ActorTrust.Benchmarks.Micro;

/// <summary>SHA-256 of 256 bytes: ActorTrust's <see cref="Digest.Sha256"/> against the framework call it wraps.</summary>
[MemoryDiagnoser]
public class DigestBenchmarks
{
    private readonly byte[] _data = new byte[256];
    private readonly byte[] _hash = new byte[32];

    [Benchmark(Baseline = true)]
    public int HashData() => SHA256.HashData(_data, _hash);

    [Benchmark]
    public Digest Sha256() => Digest.Sha256(_data);
}
