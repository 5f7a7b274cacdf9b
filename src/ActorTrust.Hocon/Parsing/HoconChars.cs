using System.Globalization;

namespace ActorTrust.Hocon.Parsing;

/// <summary>Character classes from the HOCON specification.</summary>
internal static class HoconChars
{
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    /// <summary>
    /// HOCON whitespace: Unicode space, line and paragraph separators (including non-breaking spaces),
    /// the BOM, tab, newline, vertical tab, form feed, carriage return and the four ASCII information separators.
    /// </summary>
    public static bool IsWhitespace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or '\u001C' or '\u001D' or '\u001E' or '\u001F' or '\uFEFF' => true,
        _ => char.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator,
    };

    /// <summary>Characters that may not appear in an unquoted string.</summary>
    public static bool IsForbiddenInUnquoted(char c) => Forbidden.Contains(c, StringComparison.Ordinal);

    public static bool IsDigit(char c) => c is >= '0' and <= '9';
}
