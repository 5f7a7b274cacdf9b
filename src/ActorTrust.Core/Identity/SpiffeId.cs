using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace ActorTrust.Core.Identity;

/// <summary>
/// A SPIFFE ID, <c>spiffe://&lt;trust-domain&gt;[/path]</c>, held in its one accepted textual form.
/// Parsing follows the SPIFFE-ID specification strictly (see <see cref="SpiffeIdGrammar"/>), so two IDs are
/// the same identity exactly when their strings are ordinally equal.
/// </summary>
[JsonConverter(typeof(SpiffeIdJsonConverter))]
public sealed class SpiffeId : IEquatable<SpiffeId>, IComparable<SpiffeId>
{
    /// <summary>The only scheme, with its separator.</summary>
    public const string SchemePrefix = "spiffe://";

    /// <summary>Maximum length in bytes of a whole SPIFFE ID.</summary>
    public const int MaxLength = 2048;

    /// <summary>Maximum length in bytes of the trust domain name.</summary>
    public const int MaxTrustDomainLength = 255;

    private readonly string _value;
    private readonly int _pathStart;

    private SpiffeId(string value, int pathStart)
    {
        _value = value;
        _pathStart = pathStart;
    }

    /// <summary>The trust domain name, e.g. <c>example.org</c>.</summary>
    public string TrustDomain => _value[SchemePrefix.Length.._pathStart];

    /// <summary>The path including its leading <c>/</c>, or the empty string for a trust-domain ID.</summary>
    public string Path => _value[_pathStart..];

    /// <summary>Parses <paramref name="text"/>, throwing <see cref="FormatException"/> naming the rule it breaks.</summary>
    public static SpiffeId Parse(string text)
    {
        if (TryParse(text, out var id, out var error))
        {
            return id;
        }

        throw new FormatException(error);
    }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> names the rule it breaks.</summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out SpiffeId? id,
        [NotNullWhen(false)] out string? error)
    {
        error = SpiffeIdGrammar.Validate(text, out var pathStart);
        id = error is null ? new SpiffeId(text!, pathStart) : null;
        return id is not null;
    }

    /// <summary>The textual form.</summary>
    public override string ToString() => _value;

    /// <inheritdoc />
    public bool Equals(SpiffeId? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SpiffeId);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Ordinal comparison of the textual forms; <c>null</c> sorts first.</summary>
    public int CompareTo(SpiffeId? other) => other is null ? 1 : string.CompareOrdinal(_value, other._value);

    /// <summary>Ordinal equality.</summary>
    public static bool operator ==(SpiffeId? left, SpiffeId? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Ordinal inequality.</summary>
    public static bool operator !=(SpiffeId? left, SpiffeId? right) => !(left == right);

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <(SpiffeId? left, SpiffeId? right) => Compare(left, right) < 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <=(SpiffeId? left, SpiffeId? right) => Compare(left, right) <= 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >(SpiffeId? left, SpiffeId? right) => Compare(left, right) > 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >=(SpiffeId? left, SpiffeId? right) => Compare(left, right) >= 0;

    private static int Compare(SpiffeId? left, SpiffeId? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
