using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Remote;

namespace ActorTrust.Cli.Commands.Audit;

/// <summary>
/// <c>actortrust audit checkpoint</c>: asks a node to sign a journal checkpoint now and saves the signed envelope,
/// so an auditor holds it outside the node; <c>audit verify --checkpoint FILE</c> then detects a journal cut below it
/// even if the checkpoint stream itself was cut too.
/// </summary>
internal static class AuditCheckpointCommand
{
    public static Command Create(CliContext context)
    {
        var nodeOption = NodeEndpoint.CreateOption();
        var outOption = new Option<string>("--out", "-o") { Description = "Where to save the signed checkpoint envelope", Required = true };
        var command = new Command("checkpoint", "Have a node sign a journal checkpoint now and keep the envelope") { nodeOption, outOption };
        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, nodeOption, async client =>
        {
            var answer = await client.CheckpointAsync(ct);
            var path = parse.GetRequiredValue(outOption);
            if (answer.GetProperty("envelope") is { ValueKind: System.Text.Json.JsonValueKind.Object } envelope)
            {
                await File.WriteAllTextAsync(path, envelope.GetRawText(), ct);
                await context.WriteAsync(parse, JsonNode.Parse(answer.GetRawText())!.AsObject(),
                    $"checkpoint at global position {answer.GetProperty("global_position")} saved to {path}");
                return ExitCodes.Ok;
            }

            return await context.FailAsync(ExitCodes.Refused, "nothing was committed since the last checkpoint; the node signed none");
        }, ct));
        return command;
    }
}
