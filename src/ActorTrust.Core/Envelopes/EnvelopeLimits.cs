namespace ActorTrust.Core.Envelopes;

/// <summary>Bounds applied when reading an envelope from untrusted bytes.</summary>
public sealed record EnvelopeLimits
{
    /// <summary>The defaults: 2 MiB envelope, 1 MiB payload, 16 signatures, 256-byte payload type.</summary>
    public static EnvelopeLimits Default { get; } = new();

    /// <summary>Largest accepted envelope document in bytes.</summary>
    public int MaxEnvelopeBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Largest accepted decoded payload in bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>Most signatures an envelope may carry.</summary>
    public int MaxSignatures { get; init; } = 16;

    /// <summary>Longest accepted payload type, in UTF-8 bytes.</summary>
    public int MaxPayloadTypeBytes { get; init; } = 256;
}
