namespace ActorTrust.Runtime.Journal;

/// <summary>
/// The ordinal range of one entity kind's persistence ids: every <c>kind|entity-id</c> lies strictly between
/// <c>kind|</c> and <c>kind}</c> (<c>}</c> is the character after <c>|</c>), so a database reads it as one index range.
/// </summary>
public sealed record PersistenceIdRange
{
    private PersistenceIdRange(string kind, string after, string before)
    {
        Kind = kind;
        After = after;
        Before = before;
    }

    /// <summary>The entity kind.</summary>
    public string Kind { get; }

    /// <summary>The exclusive lower bound: <c>kind|</c>, or <c>kind|after-entity-id</c> when resuming.</summary>
    public string After { get; }

    /// <summary>The exclusive upper bound: <c>kind}</c>.</summary>
    public string Before { get; }

    /// <summary>The range of <paramref name="kind"/>'s ids after <paramref name="afterEntityId"/> (null: all of them).</summary>
    /// <exception cref="ArgumentException">The kind is empty or holds a character other than a-z, 0-9, '-' or '_'.</exception>
    public static PersistenceIdRange Of(string kind, string? afterEntityId)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        if (!kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
        {
            throw new ArgumentException($"'{kind}' is not an entity kind", nameof(kind));
        }

        return new PersistenceIdRange(kind, kind + "|" + (afterEntityId ?? string.Empty), kind + "}");
    }

    /// <summary>Whether <paramref name="persistenceId"/> lies in this range.</summary>
    public bool Contains(string persistenceId)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return string.CompareOrdinal(persistenceId, After) > 0 && string.CompareOrdinal(persistenceId, Before) < 0;
    }
}
