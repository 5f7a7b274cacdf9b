namespace ActorTrust.Core.Json;

/// <summary>Limits applied by <see cref="CanonicalJson.Parse"/> before and while it reads a document.</summary>
public sealed record CanonicalJsonReaderOptions
{
    /// <summary>The deepest nesting any document may have, for reading and for writing (1000 levels).</summary>
    public const int MaxSupportedDepth = 1000;

    /// <summary>The limits used when no options are given: depth 64, 1 MiB.</summary>
    public static CanonicalJsonReaderOptions Default { get; } = new();

    /// <summary>
    /// How many objects and arrays may enclose one another; <c>[[1]]</c> has depth 2 and a bare scalar depth 0.
    /// Defaults to 64; must be between 0 and <see cref="MaxSupportedDepth"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="MaxSupportedDepth"/>.</exception>
    public int MaxDepth
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MaxDepth));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxSupportedDepth, nameof(MaxDepth));
            field = value;
        }
    } = 64;

    /// <summary>
    /// The longest input, in bytes, that will be read at all; longer input is refused before it is scanned.
    /// Defaults to 1 MiB (1,048,576 bytes); must not be negative.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxBytes
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MaxBytes));
            field = value;
        }
    } = 1024 * 1024;

    /// <summary>
    /// The most elements one array, or members one object, may hold. Defaults to no bound beyond <see cref="MaxBytes"/>;
    /// must be at least 1. A small document of many tiny elements costs far more memory as a tree than as text.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int MaxItems
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxItems));
            field = value;
        }
    } = int.MaxValue;
}
