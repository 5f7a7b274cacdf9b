using System.CommandLine;
using ActorTrust.Cli.Remote;
using ActorTrust.Client;

namespace ActorTrust.Cli.Commands.Lineages;

/// <summary>Wires a lineage command to a node: adds <c>--node</c> and <c>--command-id</c>, sends, and writes the outcome.</summary>
internal static class LineageCall
{
    public delegate Task<CommandOutcome> Send(ParseResult parse, ActorTrustClient client, string? commandId, CancellationToken cancellationToken);

    public static Command Bind(CliContext context, Command command, Send send)
    {
        var node = NodeEndpoint.CreateOption();
        var commandId = NodeEndpoint.CreateCommandIdOption();
        command.Options.Add(node);
        command.Options.Add(commandId);
        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, node, async client =>
            await CommandOutput.WriteAsync(context, parse, await send(parse, client, parse.GetValue(commandId), ct), LineageInputs.Summary), ct));
        return command;
    }
}
