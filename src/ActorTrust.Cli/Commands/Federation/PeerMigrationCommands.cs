using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Remote;
using ActorTrust.Core.Federation.Migrations;
using ActorTrust.Core.Json;
using ActorTrust.Runtime.Audit;

namespace ActorTrust.Cli.Commands.Federation;

/// <summary>
/// <c>actortrust peer migration plan|validate|apply|cancel|show|list</c>: inbound migrations under a migrate grant, and
/// <c>actortrust peer audit</c>: the peer's verifiable audit excerpt.
/// </summary>
internal static class PeerMigrationCommands
{
    private const int MaxDocumentBytes = 16 * 1024 * 1024;

    public static Command Migration(CliContext context) => new("migration", "Inbound migrations from a peer: plan, validate, apply (all or nothing), cancel, show, list")
    {
        Plan(context),
        Step(context, "validate", "Validate a planned or conflicted migration against what exists here", withItems: false),
        Step(context, "apply", "Apply a migration with the batch received, all or nothing (validating it first if needed)", withItems: true),
        Cancel(context),
        Show(context),
        List(context),
    };

    public static Command Audit(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        var output = new Option<string?>("--out", "-o") { Description = "File to write the excerpt to (default: standard output)" };
        var verify = new Option<bool>("--verify") { Description = "Also verify the excerpt's hash chains before writing it (exit 3 when broken)" };
        var node = NodeEndpoint.CreateOption();
        var command = new Command("audit", "Export every event of the peer as verifiable JSON Lines (federation_peer_id, remote_subject, chain fields)") { peer, output, verify, node };
        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, node, async client =>
        {
            var excerpt = await client.GetPeerAuditAsync(parse.GetRequiredValue(peer), ct);
            var code = ExitCodes.Ok;
            if (parse.GetValue(verify))
            {
                using var input = new MemoryStream(excerpt);
                var report = await AuditVerifier.VerifyAllAsync(await AuditExport.ReadAsync(input, ct), new AuditOptions(), null, ct);
                await context.Error.WriteLineAsync(report.IsClean
                    ? $"VERIFIED: {report.EventsChecked} events"
                    : $"BROKEN: {string.Join("; ", report.Violations.Select(v => $"{v.PersistenceId} at seq {v.SeqNr}: {v.Kind}: {v.Message}"))}");
                code = report.IsClean ? ExitCodes.Ok : ExitCodes.Refused;
            }

            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllBytesAsync(path, excerpt, ct);
                await context.Error.WriteLineAsync($"wrote the audit excerpt of {parse.GetRequiredValue(peer)} to {path}");
            }
            else
            {
                await context.Output.WriteAsync(System.Text.Encoding.UTF8.GetString(excerpt));
            }

            return code;
        }, ct));
        return command;
    }

    private static Command Plan(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        var grant = new Option<string>("--grant-id") { Description = "The grant covering migrate on the plan's kind", Required = true };
        var credential = new Option<string>("--credential-file") { Description = "File holding the grant's bearer credential", Required = true };
        var plan = new Option<string>("--plan") { Description = "JSON file: {resource_kind, operation, conflict_policy, migration_only, items: [{source_id, resource_kind, content_digest}]}", Required = true };
        var key = FederationCli.PeerKeyOption();
        return FederationCli.Sending(context, "plan", "Plan an inbound migration (the peer); prints migration_id", async (parse, client, commandId, ct) =>
        {
            var secret = (await File.ReadAllTextAsync(parse.GetRequiredValue(credential), ct)).Trim();
            var read = ActorTrustJson.Read<MigrationPlan>(await CliFiles.ReadBoundedAsync(parse.GetRequiredValue(plan), MaxDocumentBytes, ct));
            return await FederationCli.SignedAsync(parse.GetRequiredValue(key),
                signer => client.PlanMigrationAsync(parse.GetRequiredValue(peer), parse.GetRequiredValue(grant), secret, read, signer, commandId, ct));
        }, peer, grant, credential, plan, key);
    }

    private static Command Step(CliContext context, string name, string description, bool withItems)
    {
        var peer = FederationCli.PeerArgument();
        var migration = MigrationArgument();
        var items = new Option<string>("--items") { Description = "JSON file: the batch received, [{source_id, resource_kind, content_digest}]", Required = true };
        var policy = new Option<string?>("--conflict-policy") { Description = "skip_if_exists, overwrite or fail (replaces the plan's)" };
        var (operatorKey, peerKey) = Callers();
        Symbol[] symbols = withItems ? [peer, migration, items, policy, operatorKey, peerKey] : [peer, migration, policy, operatorKey, peerKey];
        return FederationCli.Sending(context, name, description, async (parse, client, commandId, ct) =>
        {
            var conflictPolicy = parse.GetValue(policy) is { } text ? Policy(text) : (ConflictPolicy?)null;
            var batch = withItems ? ActorTrustJson.Read<List<MigrationItem>>(await CliFiles.ReadBoundedAsync(parse.GetRequiredValue(items), MaxDocumentBytes, ct)) : null;
            var (peerId, migrationId) = (parse.GetRequiredValue(peer), parse.GetRequiredValue(migration));
            return await FederationCli.SignedByOneAsync(parse.GetValue(operatorKey), parse.GetValue(peerKey), (byOperator, byPeer) => batch is null
                ? client.ValidateMigrationAsync(peerId, migrationId, byOperator, byPeer, conflictPolicy, commandId, ct)
                : client.ApplyMigrationAsync(peerId, migrationId, batch, byOperator, byPeer, conflictPolicy, commandId, ct));
        }, symbols);
    }

    private static Command Cancel(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        var migration = MigrationArgument();
        var reason = FederationCli.ReasonOption();
        var (operatorKey, peerKey) = Callers();
        return FederationCli.Sending(context, "cancel", "Cancel a migration before it is applied", (parse, client, commandId, ct) =>
            FederationCli.SignedByOneAsync(parse.GetValue(operatorKey), parse.GetValue(peerKey), (byOperator, byPeer) =>
                client.CancelMigrationAsync(parse.GetRequiredValue(peer), parse.GetRequiredValue(migration), parse.GetRequiredValue(reason), byOperator, byPeer, commandId, ct)),
            peer, migration, reason, operatorKey, peerKey);
    }

    private static Command Show(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        var migration = MigrationArgument();
        return FederationCli.Showing(context, "show", "Show one migration: plan, status, conflict policy and log", "MigrationNotFound",
            (parse, client, ct) => client.GetMigrationAsync(parse.GetRequiredValue(peer), parse.GetRequiredValue(migration), ct), peer, migration);
    }

    private static Command List(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        var node = NodeEndpoint.CreateOption();
        var command = new Command("list", "List the peer's migrations with their status") { peer, node };
        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, node, async client =>
        {
            if (await client.ListMigrationsAsync(parse.GetRequiredValue(peer), ct) is not { } list)
            {
                return await CommandOutput.RefusedAsync(context, parse, "PeerNotFound", "not found", 404);
            }

            var lines = list.GetProperty("migrations").EnumerateArray()
                .Select(m => $"{m.GetProperty("planned").GetProperty("migration_id").GetString()}  {m.GetProperty("status").GetString()}")
                .ToList();
            await context.WriteAsync(parse, JsonNode.Parse(list.GetRawText())!.AsObject(), lines.Count == 0 ? ["no migrations"] : lines);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Argument<string> MigrationArgument() => new("migration") { Description = "The migration id (from plan)" };

    private static (Option<string?> Operator, Option<string?> Peer) Callers() =>
        (FederationCli.OptionalOperatorKeyOption(), FederationCli.OptionalPeerKeyOption());

    private static ConflictPolicy Policy(string text) => text switch
    {
        "skip_if_exists" => ConflictPolicy.SkipIfExists,
        "overwrite" => ConflictPolicy.Overwrite,
        "fail" => ConflictPolicy.Fail,
        _ => throw new FormatException($"--conflict-policy: '{text}' is not skip_if_exists, overwrite or fail"),
    };
}
