namespace ActorTrust.Core.Federation;

/// <summary>Shared checks on the free-text and identifier fields of federation commands.</summary>
internal static class FederationText
{
    /// <summary>The longest reason, message or description accepted.</summary>
    internal const int MaxReasonLength = 1024;

    /// <summary>Null when <paramref name="value"/> is non-empty, at most <paramref name="max"/> characters and free of control characters.</summary>
    internal static string? Check(string? value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) ? $"{field} is missing"
        : value.Length > max ? $"{field} is longer than {max} characters"
        : value.Any(char.IsControl) ? $"{field} holds control characters"
        : null;

    /// <summary>Null when <paramref name="reason"/> is a usable reason.</summary>
    internal static string? Reason(string? reason, string field = "reason") => Check(reason, field, MaxReasonLength);

    /// <summary>
    /// Null when <paramref name="value"/> is a token of lowercase letters, digits, '.', '_' and '-', starting with
    /// a letter or digit, of at most <paramref name="max"/> characters (peer ids, resource kinds, grant and migration ids).
    /// </summary>
    internal static string? Token(string? value, string field, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"{field} is missing";
        }

        if (value.Length > max)
        {
            return $"{field} is longer than {max} characters";
        }

        if (!char.IsAsciiLetterLower(value[0]) && !char.IsAsciiDigit(value[0]))
        {
            return $"{field} '{value}' must start with a lowercase letter or digit";
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not ('.' or '_' or '-'))
            {
                return $"{field} '{value}' may only hold [a-z0-9._-]";
            }
        }

        return null;
    }
}
