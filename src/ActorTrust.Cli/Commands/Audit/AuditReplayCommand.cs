using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Cli.Commands.Audit;

/// <summary><c>actortrust audit replay KIND/ID</c>: one entity's events, each with its verified chain link.</summary>
internal static class AuditReplayCommand
{
    public static Command Create(CliContext context)
    {
        var entityArgument = new Argument<string>("entity") { Description = "KIND/ID, e.g. agent/spiffe://example.org/agent/a" };
        var dataOption = new Option<string?>("--data") { Description = "A node's data directory (default ./data)" };
        var exportOption = new Option<string?>("--export") { Description = "Read a JSON Lines export instead" };
        var postgresqlOption = AuditSources.CreatePostgreSqlOption();
        var command = new Command("replay", "Print one entity's events with their verified hash chain") { entityArgument, dataOption, exportOption, postgresqlOption };
        command.SetAction(async (parse, ct) =>
        {
            var spec = parse.GetRequiredValue(entityArgument);
            var slash = spec.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == spec.Length - 1)
            {
                throw new FormatException($"'{spec}' is not KIND/ID (e.g. domain/example.org)");
            }

            var persistenceId = PersistenceIds.For(spec[..slash], spec[(slash + 1)..]);
            var journal = await AuditSources.OpenAsync(parse.GetValue(dataOption), parse.GetValue(exportOption), ct, parse.GetValue(postgresqlOption));
            await using var _ = journal;
            var verifier = new ChainVerifier(persistenceId);
            var json = new JsonArray();
            var lines = new List<string>();
            var broken = false;
            await foreach (var record in journal.ReadStreamAsync(persistenceId, 1, ct))
            {
                var violation = broken ? null : verifier.Check(record);
                broken |= violation is not null;
                json.Add(AuditCommand.RecordJson(record, violation));
                lines.Add($"{record.SeqNr,6}  {HashChain.FormatTimestamp(record.Timestamp)}  {record.EventType,-28} {record.Hash.ToString()[..19]}…  {(violation is null ? (broken ? "(after break)" : "chain ok") : $"BROKEN {violation.Kind}: {violation.Message}")}");
            }

            if (json.Count == 0)
            {
                return await context.FailAsync(ExitCodes.Refused, $"no events for {persistenceId}");
            }

            lines.Add(broken ? "BROKEN: the chain does not verify" : $"VERIFIED: {json.Count} events, head {verifier.LastHash}");
            await context.WriteAsync(parse, new JsonObject { ["persistence_id"] = persistenceId, ["verified"] = !broken, ["events"] = json }, lines);
            return broken ? ExitCodes.Refused : ExitCodes.Ok;
        });
        return command;
    }
}
