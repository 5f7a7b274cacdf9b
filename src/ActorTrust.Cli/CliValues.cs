using System.Globalization;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Cli;

/// <summary>Parses option values strictly; every refusal names the option and says what was expected.</summary>
internal static class CliValues
{
    /// <summary>An ISO 8601 instant with an explicit offset (<c>2027-01-01T00:00:00Z</c>).</summary>
    public static DateTimeOffset Instant(string option, string text)
    {
        var hasOffset = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant.ToUniversalTime()
            : throw new FormatException($"{option}: '{text}' is not an ISO 8601 instant with an offset, e.g. 2027-01-01T00:00:00Z");
    }

    /// <summary>A positive duration: a number and a unit (<c>30d</c>, <c>12h</c>, <c>90m</c>, <c>45s</c>).</summary>
    public static TimeSpan Duration(string option, string text)
    {
        var unit = text.Length > 1 ? text[^1] : ' ';
        if (!long.TryParse(text.AsSpan(0, Math.Max(0, text.Length - 1)), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            throw new FormatException($"{option}: '{text}' is not a positive duration such as 30d, 12h, 90m or 45s");
        }

        return unit switch
        {
            'd' => TimeSpan.FromDays(amount),
            'h' => TimeSpan.FromHours(amount),
            'm' => TimeSpan.FromMinutes(amount),
            's' => TimeSpan.FromSeconds(amount),
            _ => throw new FormatException($"{option}: '{text}' has no unit; use d, h, m or s"),
        };
    }

    /// <summary>A <c>sha256:</c> digest.</summary>
    public static Digest Digest(string option, string text) =>
        Core.Hashing.Digest.TryParse(text, out var digest, out var error) ? digest : throw new FormatException($"{option}: {error}");

    /// <summary>A domain role by name (<c>publisher</c>, <c>auditor</c>, ...).</summary>
    public static DomainRole Role(string option, string text) =>
        Enum.TryParse<DomainRole>(text, ignoreCase: true, out var role) && Enum.IsDefined(role) && !text.Any(char.IsAsciiDigit)
            ? role
            : throw new FormatException($"{option}: '{text}' is not a role; use producer, executor, publisher, auditor or federator");

    /// <summary>The role name as written in manifests and answers.</summary>
    public static string Name(DomainRole role) => role.ToString().ToLowerInvariant();
}
