using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Cli.Commands.Audit;

/// <summary><c>actortrust audit verify|replay|export|tail</c>: the journal as an audit log.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context) => new("audit", "Verify, replay, export and follow the journal (the audit log)")
    {
        Verify(context),
        AuditCheckpointCommand.Create(context),
        AuditReplayCommand.Create(context),
        AuditExportCommand.Create(context),
        AuditTailCommand.Create(context),
    };

    private static Command Verify(CliContext context)
    {
        var dataOption = new Option<string?>("--data") { Description = "A node's data directory (default ./data)" };
        var exportOption = new Option<string?>("--export") { Description = "Verify a JSON Lines export instead of a data directory" };
        var trustOption = new Option<string[]>("--trust") { Description = "Trusted node key(s) for checkpoints (default: the data directory's node key)", AllowMultipleArgumentsPerToken = true };
        var checkpointOption = new Option<string[]>("--checkpoint") { Description = "Signed checkpoint envelope(s) kept outside the node: the journal must still reach them", AllowMultipleArgumentsPerToken = true };
        var postgresqlOption = AuditSources.CreatePostgreSqlOption();
        var command = new Command("verify", "Re-verify every stream's hash chain, the signed checkpoints and the global feed") { dataOption, exportOption, trustOption, checkpointOption, postgresqlOption };
        command.Aliases.Add("verify-all");
        command.SetAction(async (parse, ct) =>
        {
            var data = parse.GetValue(dataOption);
            var journal = await AuditSources.OpenAsync(data, parse.GetValue(exportOption), ct, parse.GetValue(postgresqlOption));
            await using var _ = journal;
            var known = new List<Core.Envelopes.Envelope>();
            foreach (var path in parse.GetValue(checkpointOption) ?? [])
            {
                known.Add(Core.Envelopes.EnvelopeJson.Parse(await CliFiles.ReadBoundedAsync(path, Core.Envelopes.EnvelopeLimits.Default.MaxEnvelopeBytes, ct)));
            }

            var options = new AuditOptions { TrustedNodeKeys = AuditSources.TrustedNodeKeys(parse.GetValue(trustOption), data), KnownCheckpoints = known };
            var progress = new Progress<AuditProgress>(p =>
            {
                if (p.StreamsChecked % 1000 == 0 && p.StreamsChecked > 0)
                {
                    context.Error.WriteLine($"  … {p.Phase}: {p.StreamsChecked} streams, {p.EventsChecked} events");
                }
            });
            var report = await AuditVerifier.VerifyAllAsync(journal, options, progress, ct);
            await context.WriteAsync(parse, ToJson(report), Describe(report));
            return report.IsClean ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    private static IEnumerable<string> Describe(AuditReport report)
    {
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{report.StreamsChecked} streams, {report.EventsChecked} events, {report.CheckpointsVerified}/{report.CheckpointsChecked} checkpoints verified, {report.FeedEventsChecked} feed events ({report.EventsPerSecond:0} events/s)");
        if (report.IsClean)
        {
            yield return $"VERIFIED: {summary}";
            yield break;
        }

        yield return $"BROKEN: {report.Violations.Count} violation(s); {summary}";
        foreach (var violation in report.Violations)
        {
            yield return $"  {violation.PersistenceId} at seq {violation.SeqNr}: {violation.Kind}: {violation.Message}";
        }
    }

    private static JsonObject ToJson(AuditReport report) => new()
    {
        ["clean"] = report.IsClean,
        ["streams"] = report.StreamsChecked,
        ["events"] = report.EventsChecked,
        ["checkpoints_checked"] = report.CheckpointsChecked,
        ["checkpoints_verified"] = report.CheckpointsVerified,
        ["latest_checkpoint_position"] = report.LatestCheckpoint?.GlobalPosition,
        ["feed_events"] = report.FeedEventsChecked,
        ["events_per_second"] = Math.Round(report.EventsPerSecond),
        ["violations"] = new JsonArray([.. report.Violations.Select(v => (JsonNode)new JsonObject
        {
            ["persistence_id"] = v.PersistenceId,
            ["seq_nr"] = v.SeqNr,
            ["kind"] = v.Kind.ToString(),
            ["message"] = v.Message,
        })]),
    };

    /// <summary>One record as a JSON object with its chain verdict (shared by replay and tail).</summary>
    public static JsonObject RecordJson(JournalRecord record, ChainViolation? violation) => new()
    {
        ["global_position"] = record.GlobalPosition,
        ["persistence_id"] = record.PersistenceId,
        ["seq_nr"] = record.SeqNr,
        ["event_type"] = record.EventType,
        ["timestamp"] = HashChain.FormatTimestamp(record.Timestamp),
        ["writer_node"] = record.WriterNode,
        ["writer_token"] = record.WriterToken,
        ["command_id"] = record.CommandId,
        ["prev_hash"] = record.PrevHash.ToString(),
        ["hash"] = record.Hash.ToString(),
        ["payload"] = JsonNode.Parse(record.Payload),
        ["chain"] = violation is null ? "ok" : $"{violation.Kind}: {violation.Message}",
    };
}
