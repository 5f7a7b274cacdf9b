namespace ActorTrust.Core.Json;

/// <summary>
/// Why a document was refused by <see cref="CanonicalJson"/>. The numeric values are stable:
/// they may be logged, stored or compared across versions, and new codes are only ever appended.
/// </summary>
public enum CanonicalJsonErrorCode
{
    /// <summary>The text is not JSON: a grammar error, a comment, a trailing comma or empty input.</summary>
    Syntax = 1,

    /// <summary>The input starts with a UTF-8 byte order mark (EF BB BF), which RFC 8259 forbids senders to add.</summary>
    ByteOrderMark = 2,

    /// <summary>The input is not well-formed UTF-8 (including UTF-8-encoded surrogates and overlong forms).</summary>
    InvalidUtf8 = 3,

    /// <summary>A string holds an unpaired UTF-16 surrogate, raw in a .NET string or escaped as in <c>"\ud800"</c>.</summary>
    LoneSurrogate = 4,

    /// <summary>An object names the same member twice (names are compared after unescaping).</summary>
    DuplicateKey = 5,

    /// <summary>A number is not usable, for example a numeric value whose JSON text cannot be read.</summary>
    InvalidNumber = 6,

    /// <summary>
    /// An integral number whose magnitude exceeds 2^53 − 1 and which would be written in plain integer
    /// notation (below 1e21), so it cannot be carried exactly by an IEEE-754 double (I-JSON, RFC 7493 §2.2).
    /// </summary>
    IntegerOutOfRange = 7,

    /// <summary>NaN or an infinity, as a .NET value or as a <c>NaN</c>/<c>Infinity</c> literal.</summary>
    NonFinite = 8,

    /// <summary>A number literal whose magnitude is too large for an IEEE-754 double.</summary>
    NumberOverflow = 9,

    /// <summary>
    /// A .NET number (for example a <see cref="decimal"/>, or the text of a <see cref="System.Text.Json.JsonElement"/>)
    /// whose value the canonical double form would not reproduce exactly.
    /// </summary>
    InexactNumber = 10,

    /// <summary>Objects and arrays are nested deeper than the configured or supported limit.</summary>
    TooDeep = 11,

    /// <summary>The input is longer than <see cref="CanonicalJsonReaderOptions.MaxBytes"/>.</summary>
    TooLarge = 12,

    /// <summary>Something other than whitespace follows the single top-level value.</summary>
    TrailingData = 13,

    /// <summary>An array holds more elements, or an object more members, than <see cref="CanonicalJsonReaderOptions.MaxItems"/>.</summary>
    TooManyItems = 14,
}
