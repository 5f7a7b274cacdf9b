using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Governance;
using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Peers;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;

namespace ActorTrust.Core.Federation.Migrations;

/// <summary>
/// Decides <see cref="PlanMigration"/>, in order: a federating peer and a well-formed plan; a grant credential covering
/// <c>migrate</c> on the plan's kind (refusals recorded); then hygiene — every item id a UUIDv7, none repeated, every
/// item of a kind the grant covers — or the plan is refused, recorded, and a <c>migration_hygiene</c> finding raised.
/// </summary>
internal static class MigrationPlanning
{
    /// <summary>The most items one migration may carry.</summary>
    internal const int MaxItems = 10_000;

    internal static Decision<PeerEvent> Decide(PeerState state, PlanMigration c, DecisionContext context)
    {
        if ((PeerGuards.Federating(state, context) ?? PeerGuards.Shape(Validate(c))) is { } refused)
        {
            return refused;
        }

        if (state.Migration(c.MigrationId) is not null)
        {
            return PeerRefusal.Plain(MigrationIdInUse, $"migration id {c.MigrationId} is taken");
        }

        var plan = c.Plan;
        var use = new GrantUse(GrantScope.Migrate, plan.ResourceKind, $"plan migration {c.MigrationId}", SourceAddress: c.SourceAddress);
        if (GrantAuthorization.Check(state, c.GrantId, c.Credential, use, context.Now, out var grant) is { } denied)
        {
            return PeerRefusal.Recorded(c, denied.Code, denied.Message, context);
        }

        if (Hygiene(plan, grant!.Issued.ResourceKind) is { } violation)
        {
            var finding = new FindingBatch(state, c.Actor, context.Now).Raise(FindingKind.MigrationHygiene, $"migration {c.MigrationId}: {violation}");
            return PeerRefusal.Recorded(c, MigrationHygieneViolated, violation, context, finding.WithAutoSuspension(c.Policy, state.Status));
        }

        var theirs = state.Disclosure?.Jurisdiction ?? "undisclosed";
        var cross = !string.Equals(theirs, c.Policy.OurJurisdiction, StringComparison.OrdinalIgnoreCase);
        return Decision<PeerEvent>.Accept(new MigrationPlanned(
            c.MigrationId, c.GrantId, grant.Issued.RemoteSubject, plan, theirs, c.Policy.OurJurisdiction, cross, c.Actor, context.Now));
    }

    private static string? Hygiene(MigrationPlan plan, string grantedKind)
    {
        var notV7 = plan.Items.FirstOrDefault(i => !Uuid7.IsValid(i.SourceId));
        if (notV7 is not null)
        {
            return $"source id '{notV7.SourceId}' is not a lowercase UUIDv7; source ids are preserved, never remapped";
        }

        var repeated = plan.Items.GroupBy(i => i.SourceId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            return $"source id {repeated.Key} appears {repeated.Count()} times";
        }

        var outside = plan.Items.FirstOrDefault(i => !GrantAuthorization.Covers(grantedKind, i.ResourceKind));
        return outside is null ? null : $"item {outside.SourceId} is of kind '{outside.ResourceKind}', which the grant does not cover";
    }

    private static string? Validate(PlanMigration c) =>
        FederationText.Token(c.MigrationId, "migration_id", 128)
        ?? (c.Policy is null ? "policy is missing" : c.Policy.Validate() is { } policy ? $"policy: {policy}" : null)
        ?? (c.SourceAddress is null ? null : FederationText.Check(c.SourceAddress, "source_address", 128))
        ?? Validate(c.Plan);

    private static string? Validate(MigrationPlan? plan) =>
        plan is null ? "plan is missing"
        : FederationText.Token(plan.ResourceKind, "plan.resource_kind", 64)
        ?? (!Enum.IsDefined(plan.Operation) ? $"plan.operation {plan.Operation} is not defined" : null)
        ?? (!Enum.IsDefined(plan.ConflictPolicy) ? $"plan.conflict_policy {plan.ConflictPolicy} is not defined" : null)
        ?? (plan.Items is not { Count: > 0 and <= MaxItems } ? $"plan.items must hold 1 to {MaxItems} items" : null)
        ?? plan.Items.Select((item, i) => Validate(item, $"plan.items[{i}]")).FirstOrDefault(e => e is not null);

    internal static string? Validate(MigrationItem? item, string where) =>
        item is null ? $"{where} is missing"
        : FederationText.Check(item.SourceId, $"{where}.source_id", 64) ?? FederationText.Token(item.ResourceKind, $"{where}.resource_kind", 64);
}
