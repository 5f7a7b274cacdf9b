using System.CommandLine;
using ActorTrust.Cli.Remote;

namespace ActorTrust.Cli.Commands.Audit;

/// <summary><c>actortrust audit tail</c>: follows a node's global feed, one line (or JSON object) per event.</summary>
internal static class AuditTailCommand
{
    public static Command Create(CliContext context)
    {
        var nodeOption = NodeEndpoint.CreateOption();
        var afterOption = new Option<long>("--after") { Description = "Start after this global position (default 0: from the beginning)" };
        var kindOption = new Option<string[]>("--kind") { Description = "Only these entity kinds", AllowMultipleArgumentsPerToken = true };
        var limitOption = new Option<int?>("--limit") { Description = "Stop after this many events (default: follow until interrupted)" };
        var command = new Command("tail", "Follow the global feed of a node") { nodeOption, afterOption, kindOption, limitOption };
        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, nodeOption, async client =>
        {
            var kinds = parse.GetValue(kindOption) is { Length: > 0 } given ? given : null;
            var limit = parse.GetValue(limitOption);
            var seen = 0;
            var json = parse.GetValue(CliContext.JsonOption);
            await foreach (var e in client.SubscribeAsync(parse.GetValue(afterOption), kinds, ct))
            {
                await context.Output.WriteLineAsync(json
                    ? System.Text.Json.JsonSerializer.Serialize(e)
                    : $"{e.GlobalPosition,8}  {e.Timestamp}  {e.PersistenceId}#{e.SeqNr}  {e.EventType}");
                await context.Output.FlushAsync(ct);
                if (limit is { } max && ++seen >= max)
                {
                    break;
                }
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
