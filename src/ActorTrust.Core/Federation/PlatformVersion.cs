using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorTrust.Core.Federation;

/// <summary>
/// A platform release's Semantic Version 2.0.0 (<c>MAJOR.MINOR.PATCH[-pre][+build]</c>), as peers disclose it.
/// Parsing is strict: no leading zeros, no <c>v</c> prefix, no missing parts — a version that is not exactly
/// SemVer is refused rather than read as 0 (Powernode's <c>"v1".to_i</c> trap).
/// </summary>
/// <param name="Major">The major version.</param>
/// <param name="Minor">The minor version.</param>
/// <param name="Patch">The patch version.</param>
/// <param name="Text">The version as written.</param>
public sealed partial record PlatformVersion(int Major, int Minor, int Patch, string Text)
{
    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PlatformVersion? version, [NotNullWhen(false)] out string? error)
    {
        version = null;
        var match = text is { Length: <= 128 } ? SemVer().Match(text) : null;
        if (match is not { Success: true }
            || !int.TryParse(match.Groups["major"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(match.Groups["minor"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || !int.TryParse(match.Groups["patch"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var patch))
        {
            error = $"platform version '{text}' is not a semantic version MAJOR.MINOR.PATCH";
            return false;
        }

        version = new PlatformVersion(major, minor, patch, text!);
        error = null;
        return true;
    }

    /// <summary>The <c>MAJOR.MINOR</c> line this version belongs to (what compatibility is decided on).</summary>
    public string Line => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    /// <inheritdoc />
    public override string ToString() => Text;

    [GeneratedRegex(@"^(?<major>0|[1-9][0-9]*)\.(?<minor>0|[1-9][0-9]*)\.(?<patch>0|[1-9][0-9]*)(?:-(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SemVer();
}
