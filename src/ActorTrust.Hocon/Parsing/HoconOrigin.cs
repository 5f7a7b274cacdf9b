namespace ActorTrust.Hocon.Parsing;

/// <summary>Where a token or value was written: file (null for strings), 1-based line and column.</summary>
internal readonly record struct HoconOrigin(string? File, int Line, int Column)
{
    /// <summary>An origin for problems that belong to a whole document rather than a position.</summary>
    public static HoconOrigin Document(string? file) => new(file, 0, 0);

    public HoconException Error(string problem) => new(problem, File, Line, Column);

    public override string ToString() => $"{File ?? "<string>"}:{Line}:{Column}";
}
