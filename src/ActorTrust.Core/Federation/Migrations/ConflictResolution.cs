namespace ActorTrust.Core.Federation.Migrations;

/// <summary>
/// Conflicts and outcomes of a migration: an item conflicts when its id already exists here. Conflicts are logged with
/// the policy in force and what it means for the item; outcomes keep every item under its source id.
/// </summary>
internal static class ConflictResolution
{
    internal static string? CheckExisting(PeerMigration m, IReadOnlyList<string>? existing) =>
        existing is null ? "existing_source_ids is missing"
        : existing.FirstOrDefault(id => !m.Planned.Plan.Items.Any(i => i.SourceId == id)) is { } stranger
            ? $"existing_source_ids names '{stranger}', which is not in the manifest"
        : null;

    internal static IReadOnlyList<MigrationConflict> Conflicts(PeerMigration m, IReadOnlyList<string> existing, bool applied) =>
        [.. m.Planned.Plan.Items.Where(i => existing.Contains(i.SourceId, StringComparer.Ordinal)).Select(i => new MigrationConflict(i.SourceId, m.ConflictPolicy, m.ConflictPolicy switch
        {
            ConflictPolicy.SkipIfExists => applied ? "exists here; ours was kept" : "exists here; ours will be kept",
            ConflictPolicy.Overwrite => applied ? "exists here; replaced by the source's" : "exists here; will be replaced by the source's",
            _ => "exists here; policy fail stops the migration",
        }))];

    internal static IReadOnlyList<MigrationOutcome> Outcomes(PeerMigration m, IReadOnlyList<string> existing) =>
        [.. m.Planned.Plan.Items.Select(i => new MigrationOutcome(i.SourceId, i.ResourceKind, i.ContentDigest,
            !existing.Contains(i.SourceId, StringComparer.Ordinal) ? MigrationAction.Create
            : m.ConflictPolicy == ConflictPolicy.Overwrite ? MigrationAction.Overwrite : MigrationAction.Skip))];

    /// <summary>How <paramref name="received"/> differs from the manifest (ids, kinds, content digests, repeats); null when it is exactly the manifest.</summary>
    internal static string? TransferMismatch(PeerMigration m, IReadOnlyList<MigrationItem> received)
    {
        var manifest = m.Planned.Plan.Items;
        if (received.GroupBy(i => i.SourceId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return $"item {repeated.Key} was received {repeated.Count()} times";
        }

        if (manifest.FirstOrDefault(i => !received.Any(r => r.SourceId == i.SourceId)) is { } missing)
        {
            return $"item {missing.SourceId} was not received";
        }

        if (received.FirstOrDefault(r => !manifest.Any(i => i.SourceId == r.SourceId)) is { } extra)
        {
            return $"item {extra.SourceId} is not in the manifest";
        }

        var changed = received.FirstOrDefault(r => manifest.Single(i => i.SourceId == r.SourceId) is var i && (i.ResourceKind != r.ResourceKind || i.ContentDigest != r.ContentDigest));
        return changed is null ? null : $"item {changed.SourceId} differs from the manifest (kind or content digest)";
    }
}
