using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Remote;
using ActorTrust.Client;

namespace ActorTrust.Cli.Commands.Federation;

/// <summary>
/// What the federation commands share. Actors are named, not authenticated, until issue 8: operator actions name an
/// operator key id (<c>--operator-key-id</c>, which must hold <c>federator</c> in the node's home domain), peer actions
/// name the peer's key id (<c>--key-id</c>).
/// </summary>
internal static class FederationCli
{
    public static Option<string> OperatorKeyOption() =>
        new("--operator-key-id") { Description = "The operator key id (sha256:...) holding federator in the node's home domain", Required = true };

    public static Option<string> PeerKeyOption() =>
        new("--key-id") { Description = "The peer's key id (sha256:... of the public key it was proposed with)", Required = true };

    public static Option<string> ReasonOption() => new("--reason") { Description = "Why, recorded with the event", Required = true };

    public static Argument<string> PeerArgument() => new("peer") { Description = "The peer id" };

    /// <summary>A command that sends one request and writes the outcome (exit 0 accepted, 3 refused).</summary>
    public static Command Sending(CliContext context, string name, string description, Func<ParseResult, ActorTrustClient, string?, CancellationToken, Task<CommandOutcome>> send,
        params Symbol[] symbols)
    {
        var node = NodeEndpoint.CreateOption();
        var commandId = NodeEndpoint.CreateCommandIdOption();
        var command = new Command(name, description) { node, commandId };
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument: command.Arguments.Add(argument); break;
                case Option option: command.Options.Add(option); break;
            }
        }

        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, node, async client =>
            await CommandOutput.WriteAsync(context, parse, await send(parse, client, parse.GetValue(commandId), ct), Summary), ct));
        return command;
    }

    /// <summary>A command that shows one JSON view or refuses with <paramref name="notFoundCode"/>.</summary>
    public static Command Showing(CliContext context, string name, string description, string notFoundCode, Func<ParseResult, ActorTrustClient, CancellationToken, Task<JsonElement?>> get,
        params Argument[] arguments)
    {
        var node = NodeEndpoint.CreateOption();
        var command = new Command(name, description) { node };
        foreach (var argument in arguments)
        {
            command.Arguments.Add(argument);
        }

        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, node, async client =>
        {
            if (await get(parse, client, ct) is not { } view)
            {
                return await CommandOutput.RefusedAsync(context, parse, notFoundCode, "not found", 404);
            }

            await context.WriteAsync(parse, JsonNode.Parse(view.GetRawText())!.AsObject(), view.GetRawText());
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    // One line for people: the status, and any secret shown once.
    private static string Summary(JsonElement state)
    {
        var parts = new List<string>();
        var view = state.TryGetProperty("peer", out var peer) ? peer : state;
        if (view.TryGetProperty("status", out var status))
        {
            parts.Add($"status={status.GetString()}");
        }

        foreach (var name in new[] { "digest", "acceptance_token", "grant_id", "credential" })
        {
            if (state.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                parts.Add($"{name}={value.GetString()}{(name is "acceptance_token" or "credential" ? " (shown once: keep it now)" : string.Empty)}");
            }
        }

        return string.Join("  ", parts);
    }
}
