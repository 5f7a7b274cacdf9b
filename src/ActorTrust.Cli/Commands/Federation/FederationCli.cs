using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Remote;
using ActorTrust.Client;
using ActorTrust.Core.Envelopes;
using ActorTrust.Runtime.Keys;

namespace ActorTrust.Cli.Commands.Federation;

/// <summary>
/// What the federation commands share. Every request that names a key is signed by it: operator actions with an
/// operator key file (<c>--operator-key FILE</c>, a key holding <c>federator</c> in the node's home domain), peer
/// actions with the peer's key file (<c>--peer-key FILE</c>, the key the peer was proposed with). The key is read,
/// used to sign the one request and wiped.
/// </summary>
internal static class FederationCli
{
    private const string OperatorKeyDescription = "Key file of an operator key holding federator in the node's home domain; signs the request";

    private const string PeerKeyDescription = "Key file of the peer's key (the one it was proposed with); signs the request";

    public static Option<string> OperatorKeyOption() => new("--operator-key") { Description = OperatorKeyDescription, Required = true };

    public static Option<string> PeerKeyOption() => new("--peer-key") { Description = PeerKeyDescription, Required = true };

    /// <summary>For requests an operator or the peer may send: the operator's key file (give it or <see cref="OptionalPeerKeyOption"/>).</summary>
    public static Option<string?> OptionalOperatorKeyOption() => new("--operator-key") { Description = OperatorKeyDescription + " (or give --peer-key)" };

    /// <summary>For requests an operator or the peer may send: the peer's key file (give it or <see cref="OptionalOperatorKeyOption"/>).</summary>
    public static Option<string?> OptionalPeerKeyOption() => new("--peer-key") { Description = PeerKeyDescription + " (or give --operator-key)" };

    /// <summary>Sends with a signer read from the key file at <paramref name="path"/>; the key is wiped afterwards.</summary>
    public static async Task<CommandOutcome> SignedAsync(string path, Func<IEnvelopeSigner, Task<CommandOutcome>> send)
    {
        using var keyFile = KeyFileIo.Read(path);
        return await send(new Ed25519EnvelopeSigner(keyFile.KeyPair));
    }

    /// <summary>Sends signed by the operator key file or the peer key file, exactly one given; the key is wiped afterwards.</summary>
    public static Task<CommandOutcome> SignedByOneAsync(string? operatorKeyPath, string? peerKeyPath, Func<IEnvelopeSigner?, IEnvelopeSigner?, Task<CommandOutcome>> send) =>
        (operatorKeyPath, peerKeyPath) switch
        {
            ({ } op, null) => SignedAsync(op, signer => send(signer, null)),
            (null, { } peer) => SignedAsync(peer, signer => send(null, signer)),
            _ => throw new ArgumentException("give exactly one of --operator-key and --peer-key"),
        };

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
