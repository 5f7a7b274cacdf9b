namespace ActorTrust.Runtime.Journal;

/// <summary>Persistence ids are <c>&lt;kind&gt;|&lt;entity id&gt;</c>.</summary>
public static class PersistenceIds
{
    /// <summary>Joins a kind and an entity id.</summary>
    public static string For(string kind, string entityId)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        if (kind.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException($"entity kind '{kind}' must not contain '|'", nameof(kind));
        }

        return $"{kind}|{entityId}";
    }

    /// <summary>The kind part of a persistence id.</summary>
    public static string KindOf(string persistenceId)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        var bar = persistenceId.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? persistenceId : persistenceId[..bar];
    }

    /// <summary>The entity id part of a persistence id.</summary>
    public static string EntityIdOf(string persistenceId)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        var bar = persistenceId.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? string.Empty : persistenceId[(bar + 1)..];
    }
}
