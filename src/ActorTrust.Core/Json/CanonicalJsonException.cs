namespace ActorTrust.Core.Json;

/// <summary>
/// Thrown when <see cref="CanonicalJson"/> refuses to read or write a document. The
/// <see cref="Code"/> says why; <see cref="BytePosition"/> says where.
/// </summary>
/// <remarks>
/// For <see cref="CanonicalJson.Parse"/> the position is a zero-based offset into the input bytes.
/// For <see cref="CanonicalJson.Serialize(System.Text.Json.Nodes.JsonNode?)"/> it is the offset in the
/// output at which the offending value would have started, and <see cref="JsonPath"/> names the value.
/// </remarks>
public sealed class CanonicalJsonException : FormatException
{
    /// <summary>Creates an exception with a reason code and a position.</summary>
    /// <param name="code">Why the document was refused.</param>
    /// <param name="bytePosition">The zero-based byte offset of the problem.</param>
    /// <param name="message">A description naming the problem and its position.</param>
    /// <param name="jsonPath">For serialization errors, the path of the offending value (for example <c>$.a[2]</c>).</param>
    /// <param name="innerException">The exception that revealed the problem, if any.</param>
    public CanonicalJsonException(
        CanonicalJsonErrorCode code,
        long bytePosition,
        string message,
        string? jsonPath = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        BytePosition = bytePosition;
        JsonPath = jsonPath;
    }

    /// <summary>Why the document was refused.</summary>
    public CanonicalJsonErrorCode Code { get; }

    /// <summary>
    /// The zero-based byte offset of the problem: into the input when parsing, into the output when serializing.
    /// </summary>
    public long BytePosition { get; }

    /// <summary>The path of the offending value when serializing (for example <c>$.peers[3].epoch</c>); null when parsing.</summary>
    public string? JsonPath { get; }
}
