namespace ActorTrust.Runtime.Entities;

/// <summary>Hosting settings for entities (bound from <c>actortrust.entities</c>).</summary>
public sealed record EntityRuntimeOptions
{
    /// <summary>Commands an entity's mailbox holds before callers get <see cref="CommandStatus.Overloaded"/>.</summary>
    public int MailboxCapacity { get; init; } = 1000;

    /// <summary>An entity with no command or query for this long is passivated (unloaded).</summary>
    public TimeSpan PassivationIdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often idle entities are looked for.</summary>
    public TimeSpan PassivationCheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Command ids remembered per entity for de-duplicating retries.</summary>
    public int RememberedCommandIds { get; init; } = 1000;

    /// <summary>Take a snapshot every this many events (0 = never).</summary>
    public int SnapshotEvery { get; init; } = 1000;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        Require(MailboxCapacity > 0, "actortrust.entities.mailbox-capacity must be positive");
        Require(PassivationIdleTimeout > TimeSpan.Zero, "actortrust.entities.passivation-idle-timeout must be positive");
        Require(PassivationCheckInterval > TimeSpan.Zero, "actortrust.entities.passivation-check-interval must be positive");
        Require(RememberedCommandIds >= 0, "actortrust.entities.remembered-command-ids must not be negative");
        Require(SnapshotEvery >= 0, "actortrust.entities.snapshot-every must not be negative");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
