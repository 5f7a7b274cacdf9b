namespace ActorTrust.Core.Federation.Migrations;

/// <summary>Where an inbound migration is. Written in snake_case.</summary>
public enum MigrationStatus
{
    /// <summary>Not planned (no such migration).</summary>
    None = 0,

    /// <summary>Planned under a migrate grant, with its item manifest.</summary>
    Planned = 1,

    /// <summary>Being validated against our store.</summary>
    Validating = 2,

    /// <summary>Conflicts under the <c>fail</c> policy; waiting for a new policy (re-validation), cancellation or failure.</summary>
    Conflict = 3,

    /// <summary>Validated; content is being transferred.</summary>
    Transferring = 4,

    /// <summary>Transferred and checked against the manifest; waiting to be applied in one step.</summary>
    Applying = 5,

    /// <summary>Applied, all items at once. Terminal.</summary>
    Completed = 6,

    /// <summary>Failed; nothing was applied. Terminal.</summary>
    Failed = 7,

    /// <summary>Cancelled; nothing was applied. Terminal.</summary>
    Cancelled = 8,
}

/// <summary>The explicit transition table of a migration; <see cref="Peers.PeerDecider.Evolve"/> refuses any other move.</summary>
public static class MigrationTransitions
{
    /// <summary>For each status, the statuses it may move to.</summary>
    public static IReadOnlyDictionary<MigrationStatus, IReadOnlyList<MigrationStatus>> Table { get; } = new Dictionary<MigrationStatus, IReadOnlyList<MigrationStatus>>
    {
        [MigrationStatus.None] = [MigrationStatus.Planned],
        [MigrationStatus.Planned] = [MigrationStatus.Validating, MigrationStatus.Cancelled],
        [MigrationStatus.Validating] = [MigrationStatus.Transferring, MigrationStatus.Conflict, MigrationStatus.Cancelled, MigrationStatus.Failed],
        [MigrationStatus.Conflict] = [MigrationStatus.Validating, MigrationStatus.Cancelled, MigrationStatus.Failed],
        [MigrationStatus.Transferring] = [MigrationStatus.Applying, MigrationStatus.Failed, MigrationStatus.Cancelled],
        [MigrationStatus.Applying] = [MigrationStatus.Completed, MigrationStatus.Failed],
        [MigrationStatus.Completed] = [],
        [MigrationStatus.Failed] = [],
        [MigrationStatus.Cancelled] = [],
    };

    /// <summary>True when the table allows moving from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(MigrationStatus from, MigrationStatus to) => Table.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>True for completed, failed and cancelled.</summary>
    public static bool IsTerminal(MigrationStatus status) => status is MigrationStatus.Completed or MigrationStatus.Failed or MigrationStatus.Cancelled;
}
