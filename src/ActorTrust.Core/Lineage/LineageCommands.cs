using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Lineage;

/// <summary>
/// A command for a <c>lineage</c> entity (id = the agent's SPIFFE ID). Executors are named by key id
/// (<c>sha256:</c> of the raw public key); where a command names the executor that sends it, the node fills that
/// from the authenticated connection, never from the request body. Operators are named as the node authenticated
/// them. <see cref="ExecutorRoster"/> comes from the agent's domain entity (<see cref="ExecutorRoster.From"/>) and
/// <see cref="LineageSettings"/> from the node's configuration; the decision time from the context.
/// </summary>
public abstract record LineageCommand;

/// <summary>Gives the first executor authority over an Unassigned lineage, at epoch (1, 0), with a fresh lease.</summary>
/// <param name="Executor">The executor granted authority; must hold <c>executor</c> in the roster.</param>
/// <param name="Operator">The authenticated operator principal who grants it.</param>
/// <param name="Roster">The agent's domain's executors.</param>
/// <param name="Settings">Lease and handoff clocks; null for <see cref="LineageSettings.Default"/>.</param>
/// <param name="OperatorAuthentication">How the node authenticated the operator (<c>token</c>, <c>certificate</c>, <c>insecure</c>); recorded in the event.</param>
public sealed record GrantAuthority(
    Digest Executor, string Operator, ExecutorRoster Roster, LineageSettings? Settings = null, string? OperatorAuthentication = null) : LineageCommand;

/// <summary>The owner renews its lease at the epoch it holds; the generation is bumped. Allowed until the grace ends.</summary>
/// <param name="Executor">The sending executor.</param>
/// <param name="Epoch">The epoch it holds (the one being renewed).</param>
/// <param name="Roster">The agent's domain's executors (the owner must still be one).</param>
/// <param name="Settings">Lease and handoff clocks; null for <see cref="LineageSettings.Default"/>.</param>
public sealed record RenewLease(Digest Executor, Epoch Epoch, ExecutorRoster Roster, LineageSettings? Settings = null) : LineageCommand;

/// <summary>The owner commits a signed checkpoint (<see cref="Checkpoint"/>) extending the head.</summary>
/// <param name="Envelope">The checkpoint envelope as DSSE JSON text, signed by the executor's key.</param>
/// <param name="Roster">The agent's domain's executors (whose keys identify the signer).</param>
public sealed record CommitCheckpoint(string Envelope, ExecutorRoster Roster) : LineageCommand;

/// <summary>The owner starts handing authority to another executor (ActiveOwner → HandoffInitiated).</summary>
/// <param name="Executor">The sending executor (the owner).</param>
/// <param name="Epoch">The epoch it holds.</param>
/// <param name="To">The target executor; must hold <c>executor</c> and differ from the owner.</param>
/// <param name="Roster">The agent's domain's executors.</param>
public sealed record BeginHandoff(Digest Executor, Epoch Epoch, Digest To, ExecutorRoster Roster) : LineageCommand;

/// <summary>The owner abandons a handoff before its package was sent (HandoffInitiated → ActiveOwner, same epoch).</summary>
/// <param name="Executor">The sending executor (the owner).</param>
/// <param name="Epoch">The epoch it holds.</param>
public sealed record AbortHandoff(Digest Executor, Epoch Epoch) : LineageCommand;

/// <summary>
/// The owner reports that the migration package (resuming from <paramref name="Checkpoint"/>, the head) was sent
/// (HandoffInitiated → HandoffPending). From here the handoff can only be confirmed by the target before the
/// handoff timeout; otherwise the lineage requires recovery and the handoff is never retried elsewhere.
/// </summary>
/// <param name="Executor">The sending executor (the owner).</param>
/// <param name="Epoch">The epoch it holds.</param>
/// <param name="Checkpoint">The checkpoint the package resumes from: the head (<see cref="Digest.Zero"/> when none).</param>
/// <param name="Settings">Lease and handoff clocks; null for <see cref="LineageSettings.Default"/>.</param>
public sealed record ReportTransferSent(Digest Executor, Epoch Epoch, Digest Checkpoint, LineageSettings? Settings = null) : LineageCommand;

/// <summary>The target confirms it resumed from the sent checkpoint; it becomes the owner at the next major epoch.</summary>
/// <param name="To">The confirming executor (the handoff's target).</param>
/// <param name="Checkpoint">The checkpoint it resumed from; must be the one sent.</param>
/// <param name="Roster">The agent's domain's executors (the target must still be one).</param>
/// <param name="Settings">Lease and handoff clocks; null for <see cref="LineageSettings.Default"/>.</param>
public sealed record ConfirmHandoff(Digest To, Digest Checkpoint, ExecutorRoster Roster, LineageSettings? Settings = null) : LineageCommand;

/// <summary>An operator resolves RecoveryRequired by naming the executor that resumes from the head, at the next major epoch.</summary>
/// <param name="Executor">The executor that takes authority; must hold <c>executor</c>.</param>
/// <param name="Operator">The authenticated operator principal.</param>
/// <param name="Roster">The agent's domain's executors.</param>
/// <param name="Settings">Lease and handoff clocks; null for <see cref="LineageSettings.Default"/>.</param>
/// <param name="OperatorAuthentication">How the node authenticated the operator (<c>token</c>, <c>certificate</c>, <c>insecure</c>); recorded in the event.</param>
public sealed record Recover(
    Digest Executor, string Operator, ExecutorRoster Roster, LineageSettings? Settings = null, string? OperatorAuthentication = null) : LineageCommand;

/// <summary>An operator ends the lineage for good; nothing may advance it afterwards.</summary>
/// <param name="Operator">The authenticated operator principal.</param>
/// <param name="OperatorAuthentication">How the node authenticated the operator (<c>token</c>, <c>certificate</c>, <c>insecure</c>); recorded in the event.</param>
public sealed record Retire(string Operator, string? OperatorAuthentication = null) : LineageCommand;

/// <summary>The owner asks to perform one side effect (identified by its digest) under its epoch; granted at most once per lineage.</summary>
/// <param name="Executor">The sending executor.</param>
/// <param name="Epoch">The epoch it holds.</param>
/// <param name="Effect">The side effect's digest (e.g. of the outgoing request with its idempotency key).</param>
/// <param name="Roster">The agent's domain's executors (the owner must still be one).</param>
public sealed record AuthorizeSideEffect(Digest Executor, Epoch Epoch, Digest Effect, ExecutorRoster Roster) : LineageCommand;

/// <summary>
/// Applies the clocks without any other request (the node sends it on a timer): a lease past its grace, or a sent
/// transfer past its timeout, puts the lineage in RecoveryRequired. Every other command applies them first too.
/// </summary>
public sealed record CheckDeadlines : LineageCommand;
