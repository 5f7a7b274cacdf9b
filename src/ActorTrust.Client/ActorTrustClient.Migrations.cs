using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Federation.Migrations;

namespace ActorTrust.Client;

public sealed partial class ActorTrustClient
{
    /// <summary>
    /// The peer plans an inbound migration under grant <paramref name="grantId"/> (which must cover <c>migrate</c> on the
    /// plan's kind), presenting its bearer <paramref name="credential"/> and signed by <paramref name="peerKey"/> for
    /// target <c>peer</c>, id <paramref name="peerId"/>, action <c>migrations</c>. The accepted state carries <c>migration_id</c>.
    /// </summary>
    public Task<CommandOutcome> PlanMigrationAsync(string peerId, string grantId, string credential, MigrationPlan plan, IEnvelopeSigner peerKey,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendPeerAsync(peerId, "migrations", new() { ["grant_id"] = grantId, ["credential"] = credential, ["plan"] = Node(plan) }, peerKey, commandId, cancellationToken);

    /// <summary>
    /// Validates a planned (or conflicted) migration against what exists here, optionally under a new conflict policy;
    /// refused with <c>MigrationConflicted</c> when policy <c>fail</c> meets a conflict. Sent by an operator
    /// (<paramref name="operatorKey"/>) or the peer (<paramref name="peerKey"/>), exactly one, signed by it for action
    /// <c>migrations/{migrationId}/validate</c>.
    /// </summary>
    public Task<CommandOutcome> ValidateMigrationAsync(string peerId, string migrationId, IEnvelopeSigner? operatorKey, IEnvelopeSigner? peerKey,
        ConflictPolicy? conflictPolicy = null, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendMigrationAsync(peerId, migrationId, "validate", MigrationBody(null, conflictPolicy, null), operatorKey, peerKey, commandId, cancellationToken);

    /// <summary>
    /// Applies a migration with the batch received (<paramref name="items"/>, exactly the manifest), all or nothing,
    /// validating it first if it was not. Refused with <c>MigrationConflicted</c> or <c>MigrationFailed</c> when nothing
    /// was applied. Signed by the operator or peer key given (exactly one) for action <c>migrations/{migrationId}/apply</c>.
    /// </summary>
    public Task<CommandOutcome> ApplyMigrationAsync(string peerId, string migrationId, IReadOnlyList<MigrationItem> items, IEnvelopeSigner? operatorKey, IEnvelopeSigner? peerKey,
        ConflictPolicy? conflictPolicy = null, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendMigrationAsync(peerId, migrationId, "apply", MigrationBody(items, conflictPolicy, null), operatorKey, peerKey, commandId, cancellationToken);

    /// <summary>
    /// Cancels a migration before it is applied (an operator or the peer, exactly one), signed for action
    /// <c>migrations/{migrationId}/cancel</c>.
    /// </summary>
    public Task<CommandOutcome> CancelMigrationAsync(string peerId, string migrationId, string reason, IEnvelopeSigner? operatorKey, IEnvelopeSigner? peerKey,
        string? commandId = null, CancellationToken cancellationToken = default) =>
        SendMigrationAsync(peerId, migrationId, "cancel", MigrationBody(null, null, reason), operatorKey, peerKey, commandId, cancellationToken);

    /// <summary>One migration (plan, status, conflict policy and log), or null.</summary>
    public Task<JsonElement?> GetMigrationAsync(string peerId, string migrationId, CancellationToken cancellationToken = default) =>
        GetOrNullAsync(MigrationPath(peerId, migrationId, null), cancellationToken);

    /// <summary>Every migration of the peer, in order, or null when the peer was never proposed.</summary>
    public Task<JsonElement?> ListMigrationsAsync(string peerId, CancellationToken cancellationToken = default) =>
        GetOrNullAsync(PeerPath(peerId, "migrations"), cancellationToken);

    /// <summary>
    /// The peer's audit excerpt: every event of its stream as JSON Lines, annotated with <c>federation_peer_id</c> and
    /// <c>remote_subject</c>, verifiable offline with <c>actortrust audit verify --export</c>.
    /// </summary>
    public async Task<byte[]> GetPeerAuditAsync(string peerId, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri(PeerPath(peerId, "audit"), UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>
    /// A domain's authority manifest history (every version's signed envelope with the journal position that accepted
    /// it), in exactly the file format <c>actortrust verify receipt|certification --history</c> reads; null when the domain does not exist.
    /// </summary>
    public async Task<byte[]?> GetAuthorityHistoryAsync(string domainId, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri($"v1/domains/{Uri.EscapeDataString(domainId)}/authority-history", UriKind.Relative), cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private static string MigrationPath(string peerId, string migrationId, string? action) =>
        PeerPath(peerId, $"migrations/{Uri.EscapeDataString(migrationId)}{(action is null ? string.Empty : "/" + action)}");

    private Task<CommandOutcome> SendMigrationAsync(string peerId, string migrationId, string action, JsonObject body, IEnvelopeSigner? operatorKey, IEnvelopeSigner? peerKey,
        string? commandId, CancellationToken cancellationToken) =>
        SendOperatorOrPeerAsync(MigrationPath(peerId, migrationId, action), body, PeerTarget(peerId, $"migrations/{migrationId}/{action}"),
            operatorKey, peerKey, commandId, cancellationToken);

    private static JsonObject MigrationBody(IReadOnlyList<MigrationItem>? items, ConflictPolicy? policy, string? reason)
    {
        var body = new JsonObject();
        AddIfPresent(body, "reason", reason);
        if (items is not null)
        {
            body["items"] = Node(items);
        }

        if (policy is { } p)
        {
            body["conflict_policy"] = Node(p);
        }

        return body;
    }
}
