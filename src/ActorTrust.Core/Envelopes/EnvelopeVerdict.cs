namespace ActorTrust.Core.Envelopes;

/// <summary>Why a verifier refused an envelope.</summary>
public enum EnvelopeRejection
{
    /// <summary>Fewer distinct trusted keys signed than the threshold requires (including none at all).</summary>
    ThresholdNotMet,

    /// <summary>The signatures verified, but the payload type is not one the verifier supports.</summary>
    UnsupportedPayloadType,
}

/// <summary>
/// The outcome of verifying an envelope. When <see cref="IsVerified"/> is true, <see cref="Payload"/> holds
/// exactly the bytes the signatures cover: parse those, nothing else.
/// </summary>
public sealed record EnvelopeVerdict
{
    private EnvelopeVerdict(string payloadType, byte[] payload, IReadOnlyList<string> keyIds, EnvelopeRejection? rejection, string? reason)
    {
        PayloadType = payloadType;
        Payload = payload;
        VerifiedKeyIds = keyIds;
        Rejection = rejection;
        Reason = reason;
    }

    /// <summary>True when the threshold was met and the payload type is supported.</summary>
    public bool IsVerified => Rejection is null;

    /// <summary>The payload type the signatures cover.</summary>
    public string PayloadType { get; }

    /// <summary>The verified payload bytes (empty when rejected).</summary>
    public byte[] Payload { get; }

    /// <summary>Distinct trusted key ids whose signatures verified.</summary>
    public IReadOnlyList<string> VerifiedKeyIds { get; }

    /// <summary>Why the envelope was refused, or null when verified.</summary>
    public EnvelopeRejection? Rejection { get; }

    /// <summary>A human-readable reason for the refusal, or null when verified.</summary>
    public string? Reason { get; }

    internal static EnvelopeVerdict Verified(string payloadType, byte[] payload, IReadOnlyList<string> keyIds) =>
        new(payloadType, payload, keyIds, null, null);

    internal static EnvelopeVerdict Refused(string payloadType, IReadOnlyList<string> keyIds, EnvelopeRejection rejection, string reason) =>
        new(payloadType, [], keyIds, rejection, reason);
}
