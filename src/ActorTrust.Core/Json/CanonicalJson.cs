using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorTrust.Core.Json;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): one exact byte sequence for each JSON value, so that
/// hashes and signatures over JSON are repeatable across processes, versions and languages.
/// </summary>
/// <remarks>
/// <para>
/// The canonical form has no whitespace, object members sorted by the UTF-16 code units of their names,
/// numbers in ECMAScript <c>Number.prototype.toString()</c> form, and strings with only the escapes
/// RFC 8785 §3.2.2.2 requires. Writing and reading share one number policy: numbers are IEEE-754
/// doubles, and integral values between 2^53 and 1e21 in magnitude are refused on both sides
/// (I-JSON), so everything <see cref="Serialize(JsonNode?)"/> writes, <see cref="Parse"/> reads back.
/// </para>
/// <para>Every refusal is a <see cref="CanonicalJsonException"/> with a stable <see cref="CanonicalJsonErrorCode"/>.</para>
/// </remarks>
public static class CanonicalJson
{
    /// <summary>Writes the RFC 8785 canonical UTF-8 form of a JSON tree.</summary>
    /// <param name="value">The tree to write; null is written as <c>null</c>.</param>
    /// <returns>The canonical UTF-8 bytes, without a byte order mark.</returns>
    /// <exception cref="CanonicalJsonException">
    /// The tree holds NaN or an infinity (<see cref="CanonicalJsonErrorCode.NonFinite"/>), an integer beyond
    /// ±(2^53 − 1) (<see cref="CanonicalJsonErrorCode.IntegerOutOfRange"/>), a non-double number (such as a
    /// decimal or the text of a JsonElement) that no double reproduces exactly
    /// (<see cref="CanonicalJsonErrorCode.InexactNumber"/>), a string with an unpaired surrogate
    /// (<see cref="CanonicalJsonErrorCode.LoneSurrogate"/>), or more than
    /// <see cref="CanonicalJsonReaderOptions.MaxSupportedDepth"/> levels of nesting
    /// (<see cref="CanonicalJsonErrorCode.TooDeep"/>). <see cref="CanonicalJsonException.JsonPath"/> names the value.
    /// </exception>
    public static byte[] Serialize(JsonNode? value) => CanonicalJsonWriter.Write(value);

    /// <summary>
    /// Converts a value to a JSON tree with <see cref="JsonSerializer.SerializeToNode{TValue}(TValue, JsonSerializerOptions?)"/>
    /// and writes that tree's canonical form. A <see cref="JsonNode"/> argument is written as it is.
    /// </summary>
    /// <typeparam name="T">The type whose serialization contract is used.</typeparam>
    /// <param name="value">The value to write, for example a domain record.</param>
    /// <param name="options">The serializer options deciding member names and converters; the defaults when null.</param>
    /// <returns>The canonical UTF-8 bytes.</returns>
    /// <exception cref="CanonicalJsonException">The value's JSON form is refused, as for <see cref="Serialize(JsonNode?)"/>.</exception>
    public static byte[] Serialize<T>(T value, JsonSerializerOptions? options = null) =>
        value is JsonNode node
            ? Serialize(node)
            : CanonicalTranscoder.TryCanonicalize(JsonSerializer.SerializeToUtf8Bytes(value, options))
                ?? Serialize(JsonSerializer.SerializeToNode(value, options));

    /// <summary>
    /// <see cref="Serialize{T}(T, JsonSerializerOptions?)"/> with the serialization contract of a runtime type:
    /// usually straight from the serializer's bytes, else through a tree, with the same result either way.
    /// </summary>
    internal static byte[] Serialize(object value, Type type, JsonSerializerOptions options) =>
        CanonicalTranscoder.TryCanonicalize(JsonSerializer.SerializeToUtf8Bytes(value, type, options))
            ?? Serialize(JsonSerializer.SerializeToNode(value, type, options));

    /// <summary>
    /// Reads one JSON value strictly: the RFC 8259 grammar with no extensions, plus the RFC 8785 / I-JSON
    /// constraints. The input need not be canonical; use <see cref="IsCanonical"/> to require that.
    /// </summary>
    /// <param name="utf8">The UTF-8 input, without a byte order mark.</param>
    /// <param name="options">Depth and size limits; <see cref="CanonicalJsonReaderOptions.Default"/> when null.</param>
    /// <returns>
    /// The tree, with every number as a <see cref="double"/> value; null when the document is the literal <c>null</c>.
    /// </returns>
    /// <exception cref="CanonicalJsonException">
    /// The input is refused; <see cref="CanonicalJsonException.Code"/> says why and
    /// <see cref="CanonicalJsonException.BytePosition"/> says where (the message names both).
    /// </exception>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, CanonicalJsonReaderOptions? options = null) =>
        CanonicalJsonReader.Read(utf8, options ?? CanonicalJsonReaderOptions.Default);

    /// <summary>
    /// Whether the input is exactly the canonical form of the value it holds: it parses, and writing
    /// the parsed value again reproduces the same bytes.
    /// </summary>
    /// <param name="utf8">The UTF-8 input to check.</param>
    /// <param name="options">Depth and size limits for the parse; <see cref="CanonicalJsonReaderOptions.Default"/> when null.</param>
    /// <returns>True when canonical; false when not canonical or when <see cref="Parse"/> refuses the input.</returns>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8, CanonicalJsonReaderOptions? options = null)
    {
        if (CanonicalScan.IsCanonical(utf8, options ?? CanonicalJsonReaderOptions.Default))
        {
            return true;
        }

        try
        {
            return Serialize(Parse(utf8, options)).AsSpan().SequenceEqual(utf8);
        }
        catch (CanonicalJsonException)
        {
            return false;
        }
    }
}
