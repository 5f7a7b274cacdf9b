using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation.Migrations;

/// <summary>Whether the source keeps its copy. Written as <c>duplicate</c> or <c>migrate</c>.</summary>
public enum MigrationOperation
{
    /// <summary>Copy; the source keeps its records.</summary>
    Duplicate = 1,

    /// <summary>Move; the source gives its records up.</summary>
    Migrate = 2,
}

/// <summary>What to do with an item whose id already exists here. Written as <c>skip_if_exists</c>, <c>overwrite</c> or <c>fail</c>.</summary>
public enum ConflictPolicy
{
    /// <summary>Keep ours; log the conflict.</summary>
    SkipIfExists = 1,

    /// <summary>Replace ours; log the conflict.</summary>
    Overwrite = 2,

    /// <summary>Apply nothing; the migration stops at the conflict.</summary>
    Fail = 3,
}

/// <summary>What was done with one item when the migration was applied. Written in snake_case.</summary>
public enum MigrationAction
{
    /// <summary>Created under its source id.</summary>
    Create = 1,

    /// <summary>Replaced our record of the same id.</summary>
    Overwrite = 2,

    /// <summary>Left ours in place.</summary>
    Skip = 3,
}

/// <summary>One record to migrate: its source id (a UUIDv7, kept as our id), kind and content digest.</summary>
/// <param name="SourceId">The source's UUIDv7 id, lowercase canonical text.</param>
/// <param name="ResourceKind">The record's kind.</param>
/// <param name="ContentDigest">The digest of its content as the source sends it.</param>
public sealed record MigrationItem(string SourceId, string ResourceKind, Digest ContentDigest);

/// <summary>An inbound migration's plan, as the peer submits it.</summary>
/// <param name="ResourceKind">The root resource kind (the grant must cover it with <c>migrate</c>).</param>
/// <param name="Operation">Duplicate or migrate.</param>
/// <param name="ConflictPolicy">What to do with items that exist here.</param>
/// <param name="MigrationOnly">True when the records must not be auto-synced afterwards (commitment 7).</param>
/// <param name="Items">The item manifest; at least one item.</param>
public sealed record MigrationPlan(
    string ResourceKind, MigrationOperation Operation, ConflictPolicy ConflictPolicy, bool MigrationOnly, IReadOnlyList<MigrationItem> Items);

/// <summary>One conflict, logged truthfully with the policy applied to it.</summary>
/// <param name="SourceId">The item's id (ours too).</param>
/// <param name="Policy">The policy in force when it was found.</param>
/// <param name="Detail">What happened to it.</param>
public sealed record MigrationConflict(string SourceId, ConflictPolicy Policy, string Detail);

/// <summary>What applying did with one item. Our id is the source id: ids are never remapped.</summary>
/// <param name="SourceId">The item's id.</param>
/// <param name="ResourceKind">Its kind.</param>
/// <param name="ContentDigest">Its content digest.</param>
/// <param name="Action">Created, overwritten or skipped.</param>
public sealed record MigrationOutcome(string SourceId, string ResourceKind, Digest ContentDigest, MigrationAction Action);
