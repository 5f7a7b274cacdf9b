namespace ActorTrust.Hocon;

/// <summary>
/// Raised when a HOCON document cannot be parsed or resolved: a syntax error, an unresolvable or
/// circular substitution, an include that is unsupported or circular, or an input that exceeds the
/// size and nesting limits.
/// </summary>
/// <remarks>
/// The message starts with the location, formatted as <c>file:line:column: problem</c>
/// (for example <c>node.conf:12:7: expected '=' or ':' after key "foo"</c>). Documents that were not
/// read from a file are reported as <c>&lt;string&gt;</c>. When a HOCON file is loaded through
/// <see cref="HoconConfigurationExtensions.AddHoconFile(Microsoft.Extensions.Configuration.IConfigurationBuilder, string, bool, bool)"/>,
/// the configuration framework wraps this exception in an <see cref="InvalidDataException"/> that
/// names the file; the original is its <see cref="Exception.InnerException"/>.
/// </remarks>
public sealed class HoconException : FormatException
{
    internal HoconException(string problem, string? file, int line, int column)
        : base(Describe(problem, file, line, column))
    {
        Problem = problem;
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>Gets the problem without its location prefix.</summary>
    public string Problem { get; }

    /// <summary>
    /// Gets the name of the file in which the problem was found, or <see langword="null"/> when the
    /// document was supplied as a string.
    /// </summary>
    public string? File { get; }

    /// <summary>Gets the 1-based line of the problem, or 0 when it is not tied to a position (for example, a file that is too large).</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column (in UTF-16 characters) of the problem, or 0 when it is not tied to a position.</summary>
    public int Column { get; }

    private static string Describe(string problem, string? file, int line, int column)
    {
        var name = file ?? "<string>";
        return line > 0 ? $"{name}:{line}:{column}: {problem}" : $"{name}: {problem}";
    }
}
