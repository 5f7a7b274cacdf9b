using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Remote;

namespace ActorTrust.Cli.Commands.Sessions;

/// <summary><c>actortrust session show|list</c>: the operator view of sessions.</summary>
internal static class SessionCommand
{
    public static Command Create(CliContext context) => new("session", "Inspect sessions: posture, verification disposition, digests, Trust Record")
    {
        Show(context),
        List(context),
    };

    private static Command Show(CliContext context)
    {
        var idArgument = new Argument<string>("session") { Description = "The session's SPIFFE ID" };
        var nodeOption = NodeEndpoint.CreateOption();
        var command = new Command("show", "Show one session's snapshot (and its Trust Record once closed)") { idArgument, nodeOption };
        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, nodeOption, async client =>
        {
            var id = parse.GetRequiredValue(idArgument);
            if (await client.GetSessionAsync(id, ct) is not { } view)
            {
                return await CommandOutput.RefusedAsync(context, parse, "SessionNotFound", $"session '{id}' was never opened", 404);
            }

            await context.WriteAsync(parse, JsonNode.Parse(view.GetRawText())!.AsObject(), Describe(id, view));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command List(CliContext context)
    {
        var limitOption = new Option<int>("--limit") { Description = "Most sessions to list", DefaultValueFactory = _ => 100 };
        var afterOption = new Option<string?>("--after") { Description = "List the sessions after this session id (the 'next' of the previous page)" };
        var nodeOption = NodeEndpoint.CreateOption();
        var command = new Command("list", "List sessions with their posture and disposition") { limitOption, afterOption, nodeOption };
        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, nodeOption, async client =>
        {
            var list = await client.ListSessionsAsync(parse.GetValue(limitOption), parse.GetValue(afterOption), ct);
            var lines = list.GetProperty("sessions").EnumerateArray().Select(s =>
            {
                var snapshot = s.GetProperty("snapshot");
                return snapshot.ValueKind == JsonValueKind.Object
                    ? $"{s.GetProperty("session_id").GetString()}  {Text(snapshot, "status")}  posture={Text(snapshot, "policy_posture")}  claims={Text(snapshot, "disposition")}  calls={snapshot.GetProperty("call_count").GetInt64()}"
                    : $"{s.GetProperty("session_id").GetString()}  (no admission)";
            }).ToList();
            if (list.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String)
            {
                lines.Add($"more: --after {next.GetString()}");
            }

            await context.WriteAsync(parse, JsonNode.Parse(list.GetRawText())!.AsObject(), lines.Count == 0 ? ["no sessions"] : lines);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static IEnumerable<string> Describe(string id, JsonElement view)
    {
        yield return $"session:     {id}";
        yield return $"status:      {Text(view, "status")}";
        if (view.GetProperty("snapshot") is { ValueKind: JsonValueKind.Object } snapshot)
        {
            yield return $"posture:     {Text(snapshot, "policy_posture")}";
            yield return $"claims:      {Text(snapshot, "disposition")}{(snapshot.TryGetProperty("degraded_detail", out var d) && d.ValueKind == JsonValueKind.String ? $" ({d.GetString()})" : string.Empty)}";
            yield return $"identity:    {Text(snapshot, "identity_digest")}";
            yield return $"manifest:    {Text(snapshot, "manifest_digest")}";
            yield return $"profile:     {Text(snapshot, "claims_profile_id")}";
            yield return $"proof:       {Text(snapshot, "proof_posture")}";
            yield return $"tool calls:  {snapshot.GetProperty("call_count").GetInt64()}";
        }

        if (view.TryGetProperty("refusal", out var refusal) && refusal.ValueKind == JsonValueKind.Object)
        {
            yield return $"refused:     {Text(refusal, "code")}: {Text(refusal, "message")}";
        }

        if (view.TryGetProperty("trust_record", out var record) && record.ValueKind == JsonValueKind.Object)
        {
            yield return $"trust record {Text(record, "record_hash")}";
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "-";
}
