namespace ActorTrust.Core.Tests.TestSupport;

/// <summary>Structural equality for byte arrays, for comparing serialised forms.</summary>
internal sealed class ByteArrays : IEqualityComparer<byte[]>
{
    public static ByteArrays Comparer { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => obj.Length;
}
