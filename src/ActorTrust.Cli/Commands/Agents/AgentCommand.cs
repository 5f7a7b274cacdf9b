using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Remote;
using ActorTrust.Cli.Signing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;

namespace ActorTrust.Cli.Commands.Agents;

/// <summary><c>actortrust agent manifest|register|rotate|revoke|show</c>: agents and their signed manifests.</summary>
internal static class AgentCommand
{
    public static Command Create(CliContext context) => new("agent", "Build, register, rotate, revoke and inspect agents")
    {
        AgentManifestCommand.Create(context),
        Register(context),
        Rotate(context),
        AgentRevokeCommand.Create(context),
        AgentShowCommand.Create(context),
    };

    /// <summary>The accepted state in one line: which agent, in which status, on which manifest.</summary>
    public static string Summary(JsonElement state) =>
        $"agent {state.GetProperty("agent_id")} is {state.GetProperty("status")}"
        + (state.TryGetProperty("current", out var current) && current.ValueKind == JsonValueKind.Object ? $" with manifest {current.GetProperty("manifest_id")}" : string.Empty);

    /// <summary>Checks an agent SPIFFE ID given on the command line.</summary>
    public static SpiffeId AgentId(string option, string text) =>
        SpiffeId.TryParse(text, out var id, out var error) ? id : throw new FormatException($"{option}: {error}");

    private static Command Register(CliContext context)
    {
        var input = new SignedInput(ManifestKind.Agent, "The publisher key file named by the manifest's issuer_key_id");
        var node = NodeEndpoint.CreateOption();
        var commandId = NodeEndpoint.CreateCommandIdOption();
        var command = new Command("register", "Register an agent from its first signed Agent Manifest") { node, commandId };
        input.All.ToList().ForEach(command.Options.Add);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var document = await input.ResolveAsync(parse, cancellationToken);
            return await NodeCall.RunAsync(context, parse, node, async client =>
                await CommandOutput.WriteAsync(context, parse, await client.RegisterAgentAsync(document.EnvelopeJson, parse.GetValue(commandId), cancellationToken), Summary),
                cancellationToken);
        });
        return command;
    }

    private static Command Rotate(CliContext context)
    {
        var input = new SignedInput(ManifestKind.Agent, "The publisher key file named by the manifest's issuer_key_id");
        var node = NodeEndpoint.CreateOption();
        var commandId = NodeEndpoint.CreateCommandIdOption();
        var command = new Command("rotate", "Move an agent to a newer manifest (its previous_manifest_id names the current one)") { node, commandId };
        input.All.ToList().ForEach(command.Options.Add);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var document = await input.ResolveAsync(parse, cancellationToken);
            var agentId = AgentOf(document);
            return await NodeCall.RunAsync(context, parse, node, async client =>
                await CommandOutput.WriteAsync(context, parse, await client.RotateAgentAsync(agentId, document.EnvelopeJson, parse.GetValue(commandId), cancellationToken), Summary),
                cancellationToken);
        });
        return command;
    }

    // Routing only: the node verifies the envelope before it trusts anything in the payload.
    private static string AgentOf(SignedDocument document) =>
        CanonicalJson.Parse(document.Payload) is JsonObject payload && payload["agent_id"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? AgentId("agent_id", text).ToString()
            : throw new FormatException("the envelope payload has no 'agent_id' string");
}
