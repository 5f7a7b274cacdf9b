namespace ActorTrust.Core.Lineage;

/// <summary>
/// The authority epoch of a checkpoint lineage: a major version, bumped when authority moves to an executor by
/// handoff or recovery, and a lease generation, bumped by each renewal and reset to 0 by a major bump. Epochs are
/// totally ordered (major first, then generation); a later epoch supersedes every earlier one, and a checkpoint or
/// request carrying a superseded epoch is refused. Written in JSON as <c>{"major":1,"generation":0}</c>.
/// </summary>
/// <param name="Major">The major version, from 1 (the first grant).</param>
/// <param name="Generation">The lease generation within the major version, from 0.</param>
public sealed record Epoch(long Major, long Generation) : IComparable<Epoch>
{
    /// <summary>The epoch of the first grant: (1, 0).</summary>
    public static Epoch First { get; } = new(1, 0);

    /// <summary>The epoch after a lease renewal: same major, next generation.</summary>
    public Epoch NextGeneration() => this with { Generation = Generation + 1 };

    /// <summary>The epoch after a handoff or recovery: next major, generation 0.</summary>
    public Epoch NextMajor() => new(Major + 1, 0);

    /// <summary>True when this epoch is strictly later than <paramref name="other"/>.</summary>
    public bool Supersedes(Epoch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CompareTo(other) > 0;
    }

    /// <summary>Returns null when the epoch is well-formed (major at least 1, generation at least 0), else why not.</summary>
    public string? Validate() =>
        Major < 1 ? $"epoch major must be at least 1, got {Major}"
        : Generation < 0 ? $"epoch generation must not be negative, got {Generation}"
        : null;

    /// <inheritdoc />
    public int CompareTo(Epoch? other) =>
        other is null ? 1 : Major != other.Major ? Major.CompareTo(other.Major) : Generation.CompareTo(other.Generation);

    /// <summary>The epoch as <c>major.generation</c>.</summary>
    public override string ToString() => $"{Major}.{Generation}";

    /// <summary>Strictly earlier.</summary>
    public static bool operator <(Epoch left, Epoch right) => Compare(left, right) < 0;

    /// <summary>Strictly later.</summary>
    public static bool operator >(Epoch left, Epoch right) => Compare(left, right) > 0;

    /// <summary>Earlier or equal.</summary>
    public static bool operator <=(Epoch left, Epoch right) => Compare(left, right) <= 0;

    /// <summary>Later or equal.</summary>
    public static bool operator >=(Epoch left, Epoch right) => Compare(left, right) >= 0;

    private static int Compare(Epoch? left, Epoch? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
