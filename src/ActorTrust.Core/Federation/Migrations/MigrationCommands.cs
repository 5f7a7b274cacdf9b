using ActorTrust.Core.Federation.Peers;

namespace ActorTrust.Core.Federation.Migrations;

/// <summary>
/// The peer plans an inbound migration (peer), presenting a grant credential that must cover <c>migrate</c> on the
/// plan's kind. Every item id must be a UUIDv7 of that kind, each once; otherwise the plan is refused and a
/// <c>migration_hygiene</c> finding raised. <c>cross_jurisdiction</c> is recorded when the peer's disclosed jurisdiction
/// is not <see cref="FederationPolicy.OurJurisdiction"/>.
/// </summary>
/// <param name="MigrationId">The new migration's id (lowercase token, unique within the peer; the node draws it).</param>
/// <param name="GrantId">The grant presented.</param>
/// <param name="Credential">The grant's bearer secret.</param>
/// <param name="Plan">The plan and its item manifest.</param>
/// <param name="Policy">Our jurisdiction and the auto-suspension rule.</param>
/// <param name="Actor">The peer.</param>
/// <param name="SourceAddress">The request's source IP address, for the grant's CIDR restrictions.</param>
public sealed record PlanMigration(
    string MigrationId, string GrantId, string Credential, MigrationPlan Plan, FederationPolicy Policy, FederationActor Actor, string? SourceAddress = null)
    : PeerCommand;

/// <summary>Starts validating a planned migration, or re-validates one in conflict, optionally under a new conflict policy (system or operator).</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Actor">The migration executor or an operator.</param>
/// <param name="ConflictPolicy">A new conflict policy (e.g. <c>skip_if_exists</c> after a <c>fail</c> conflict); the current one when absent.</param>
public sealed record StartMigrationValidation(string MigrationId, FederationActor Actor, ConflictPolicy? ConflictPolicy = null) : PeerCommand;

/// <summary>
/// Completes validation (system): the node passes which item ids already exist in our store. Under <c>fail</c> any
/// conflict moves the migration to conflict; otherwise it moves to transferring with the conflicts logged.
/// </summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="ExistingSourceIds">The manifest's ids that already exist here.</param>
/// <param name="Actor">The migration executor.</param>
public sealed record CompleteMigrationValidation(string MigrationId, IReadOnlyList<string> ExistingSourceIds, FederationActor Actor) : PeerCommand;

/// <summary>
/// Completes the transfer (system): the node passes what it received. It must be exactly the manifest (same ids, kinds
/// and content digests); anything else fails the migration and raises <c>sync_stream_corrupted</c>.
/// </summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Received">The items received, with the digests of the content received.</param>
/// <param name="Policy">The auto-suspension rule.</param>
/// <param name="Actor">The migration executor.</param>
public sealed record CompleteMigrationTransfer(string MigrationId, IReadOnlyList<MigrationItem> Received, FederationPolicy Policy, FederationActor Actor)
    : PeerCommand;

/// <summary>
/// Applies the migration all-or-nothing (system): one <c>peer.migration-applied.v1</c> event carries every item's outcome
/// and the conflict log, or — under <c>fail</c> with a conflict found now — one <c>peer.migration-failed.v1</c> and nothing
/// applied. The node writes its store from the event in one transaction.
/// </summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="ExistingSourceIds">The manifest's ids that exist here now.</param>
/// <param name="Actor">The migration executor.</param>
public sealed record ApplyMigration(string MigrationId, IReadOnlyList<string> ExistingSourceIds, FederationActor Actor) : PeerCommand;

/// <summary>Records that a migration failed outside the decider, e.g. the store refused the transaction (system or operator).</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">The migration executor or an operator.</param>
public sealed record FailMigration(string MigrationId, string Reason, FederationActor Actor) : PeerCommand;

/// <summary>Cancels a migration before it is applied (operator, the peer, or the system).</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who.</param>
public sealed record CancelMigration(string MigrationId, string Reason, FederationActor Actor) : PeerCommand;

/// <summary>
/// Sent by the node's timer for a revoked peer (system): once the revocation's grace period has passed, every migration
/// still in flight is cancelled (failed when already applying). Before then, or with nothing in flight, nothing happens.
/// </summary>
/// <param name="Actor">The timer process.</param>
public sealed record EndMigrationGrace(FederationActor Actor) : PeerCommand;
