using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Client;

namespace ActorTrust.Cli.Remote;

/// <summary>Writes what a node made of a command: accepted (exit 0) with a summary, refused (exit 3) with its code.</summary>
internal static class CommandOutput
{
    /// <summary>Writes <paramref name="outcome"/>; <paramref name="summary"/> describes the accepted state for people.</summary>
    public static async Task<int> WriteAsync(CliContext context, ParseResult parse, CommandOutcome outcome, Func<JsonElement, string> summary)
    {
        if (!outcome.Accepted)
        {
            return await RefusedAsync(context, parse, outcome.Code ?? "Refused", outcome.Detail ?? string.Empty, outcome.Status, outcome.Duplicate);
        }

        var json = new JsonObject
        {
            ["accepted"] = true,
            ["duplicate"] = outcome.Duplicate,
            ["version"] = outcome.Version,
            ["events"] = new JsonArray([.. outcome.Events.Select(e => (JsonNode)e)]),
            ["state"] = outcome.State is { } state ? JsonNode.Parse(state.GetRawText()) : null,
        };
        var events = outcome.Duplicate
            ? "events:  none (duplicate command id: already applied, nothing new written)"
            : $"events:  {(outcome.Events.Count == 0 ? "none (already in this state)" : string.Join(", ", outcome.Events))}";
        await context.WriteAsync(parse, json,
            $"ACCEPTED{(outcome.Duplicate ? " (duplicate)" : string.Empty)}: {(outcome.State is { } s ? summary(s) : string.Empty)}",
            $"entity version: {outcome.Version}",
            events);
        return ExitCodes.Ok;
    }

    /// <summary>Writes a refusal as <c>REFUSED &lt;Code&gt;: &lt;detail&gt;</c> and returns exit code 3.</summary>
    public static async Task<int> RefusedAsync(CliContext context, ParseResult parse, string code, string detail, int status, bool duplicate = false)
    {
        var json = new JsonObject
        {
            ["accepted"] = false,
            ["duplicate"] = duplicate,
            ["code"] = code,
            ["detail"] = detail,
            ["status"] = status,
        };
        await context.WriteAsync(parse, json, $"REFUSED {code}: {detail}");
        return ExitCodes.Refused;
    }
}
