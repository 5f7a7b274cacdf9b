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

    /// <summary>The largest <see cref="MaxBodyBytes"/> a node accepts as a setting (a whole batch is buffered before it is decoded).</summary>
    public const int MaxSupportedBodyBytes = 64 * 1024 * 1024;

    /// <summary>The most envelopes per batch a node accepts as a setting.</summary>
    public const int MaxSupportedBatchEnvelopes = 10_000;

    /// <summary>Throws when a limit is out of range, naming its setting (<c>actortrust.cluster.transport.*</c>).</summary>
    public void Validate()
    {
        Require(MaxBatchEnvelopes is > 0 and <= MaxSupportedBatchEnvelopes,
            $"actortrust.cluster.transport.max-batch-envelopes must be between 1 and {MaxSupportedBatchEnvelopes}, got {MaxBatchEnvelopes}");
        Require(MaxPayloadBytes is > 0 and <= MaxSupportedBodyBytes,
            $"actortrust.cluster.transport.max-payload-bytes must be between 1 byte and 64 MiB, got {MaxPayloadBytes}");
        Require(MaxBodyBytes >= MaxPayloadBytes && MaxBodyBytes <= MaxSupportedBodyBytes,
            $"actortrust.cluster.transport.max-body-bytes must be at least max-payload-bytes ({MaxPayloadBytes}) and at most 64 MiB, got {MaxBodyBytes}");
        Require(MaxDepth is > 0 and <= 64, $"actortrust.cluster.transport.max-depth must be between 1 and 64, got {MaxDepth}");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
