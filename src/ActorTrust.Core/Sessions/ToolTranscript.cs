using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Sessions;

/// <summary>
/// The tool transcript as a hash chain, so a verifier holding the calls can recompute it:
/// <c>t₀ = SHA-256("actortrust/tool-transcript/v1\n")</c> and
/// <c>tᵢ = SHA-256("actortrust/tool-transcript/v1\n" ‖ tᵢ₋₁ (32 raw bytes) ‖ JCS({"data_class","decision","tool"}))</c>.
/// </summary>
public static class ToolTranscript
{
    /// <summary>The hash purpose.</summary>
    public const string Purpose = "tool-transcript";

    /// <summary>The hash of the empty transcript.</summary>
    public static Digest Empty { get; } = DomainHash.Compute(Purpose, ReadOnlySpan<byte>.Empty);

    /// <summary>The transcript hash after appending <paramref name="call"/> to a transcript hashing to <paramref name="previous"/>.</summary>
    public static Digest Next(Digest previous, ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return DomainHash.Compute(Purpose, previous.Bytes.ToArray(), ActorTrustJson.ToCanonicalBytes(call));
    }

    /// <summary>The hash of a whole transcript.</summary>
    public static Digest Of(IEnumerable<ToolCall> calls) => calls.Aggregate(Empty, Next);
}
