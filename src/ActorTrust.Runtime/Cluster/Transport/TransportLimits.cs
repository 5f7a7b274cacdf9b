namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>
/// Size bounds on the wire, applied by both ends before anything is decoded: an oversized body, batch or payload
/// is refused whole with a clear error (I9: every buffer is bounded).
/// </summary>
public sealed record TransportLimits
{
    /// <summary>Envelopes per batch.</summary>
    public int MaxBatchEnvelopes { get; init; } = 256;

    /// <summary>Bytes of one command payload (its JSON text).</summary>
    public int MaxPayloadBytes { get; init; } = 256 * 1024;

    /// <summary>Bytes of one request or reply body.</summary>
    public int MaxBodyBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Nesting depth of any JSON body.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Throws when a limit is out of range, naming its setting.</summary>
    public void Validate()
    {
        Require(MaxBatchEnvelopes > 0, "actortrust.cluster.transport.max-batch-envelopes must be positive");
        Require(MaxPayloadBytes > 0, "actortrust.cluster.transport.max-payload-bytes must be positive");
        Require(MaxBodyBytes >= MaxPayloadBytes, "actortrust.cluster.transport.max-body-bytes must be at least max-payload-bytes");
        Require(MaxDepth is > 0 and <= 64, "actortrust.cluster.transport.max-depth must be between 1 and 64");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
