namespace ActorTrust.Hocon;

/// <summary>Bounds on untrusted input; exceeding any of them raises a <see cref="HoconException"/>.</summary>
internal static class HoconLimits
{
    /// <summary>Largest document accepted, in bytes for files and UTF-16 characters for strings (4 MiB).</summary>
    public const int MaxDocumentSize = 4 * 1024 * 1024;

    /// <summary>Deepest nesting of objects and arrays, counting dotted key segments and includes.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most documents a single load may include, counting repeated includes.</summary>
    public const int MaxIncludes = 256;

    /// <summary>
    /// Deepest chain of values whose resolution waits on another (a substitution referring to a
    /// substitution, or each <c>+=</c> on one key referring to the previous one; roughly two per link).
    /// </summary>
    public const int MaxResolutionDepth = 1024;

    /// <summary>Most configuration entries, or elements of one array, a document may expand to.</summary>
    public const int MaxValues = 1_000_000;
}
