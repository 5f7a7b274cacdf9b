using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Remote;
using ActorTrust.Core.Receipts;

namespace ActorTrust.Cli.Commands.Domains;

/// <summary><c>actortrust domain certify|receipts</c>: record receipts and certification statements in a domain, list its receipts.</summary>
internal static class DomainCertificationCommands
{
    private const int MaxDocumentBytes = 2 * 1024 * 1024;

    public static Command Certify(CliContext context)
    {
        var idArgument = new Argument<string>("domain") { Description = "The trust domain name" };
        var fileArgument = new Argument<string>("file")
        {
            Description = "A certification statement envelope, a signed execution receipt envelope, or an unsigned receipt (informational)",
        };
        var node = NodeEndpoint.CreateOption();
        var commandId = NodeEndpoint.CreateCommandIdOption();
        var command = new Command("certify", "Record a receipt or certification statement in a domain's journal (exit 0 recorded, 3 refused)")
        {
            idArgument, fileArgument, node, commandId,
        };
        command.SetAction(async (parse, ct) =>
        {
            var domainId = DomainCommand.DomainId("domain", parse.GetRequiredValue(idArgument));
            var document = System.Text.Encoding.UTF8.GetString(await CliFiles.ReadBoundedAsync(parse.GetRequiredValue(fileArgument), MaxDocumentBytes, ct));
            var isStatement = JsonNode.Parse(document) is JsonObject o && o["payloadType"] is JsonValue type
                && type.TryGetValue<string>(out var name) && CertificationStatement.PayloadTypesOfAllKinds.Contains(name);
            return await NodeCall.RunAsync(context, parse, node, async client =>
            {
                var outcome = isStatement
                    ? await client.CertifyAsync(domainId, document, parse.GetValue(commandId), ct)
                    : await client.RecordReceiptAsync(domainId, document, parse.GetValue(commandId), ct);
                return await CommandOutput.WriteAsync(context, parse, outcome, state => $"{(isStatement ? "certification" : "receipt")} recorded in {DomainCommand.Summary(state)}");
            }, ct);
        });
        return command;
    }

    public static Command Receipts(CliContext context)
    {
        var idArgument = new Argument<string>("domain") { Description = "The trust domain name" };
        var node = NodeEndpoint.CreateOption();
        var command = new Command("receipts", "List the execution receipts a domain recorded") { idArgument, node };
        command.SetAction(async (parse, ct) =>
        {
            var domainId = DomainCommand.DomainId("domain", parse.GetRequiredValue(idArgument));
            return await NodeCall.RunAsync(context, parse, node, async client =>
            {
                if (await client.GetReceiptsAsync(domainId, ct) is not { } list)
                {
                    return await CommandOutput.RefusedAsync(context, parse, "DomainNotFound", $"domain '{domainId}' does not exist", 404);
                }

                var lines = list.GetProperty("receipts").EnumerateArray().Select(Line).ToList();
                await context.WriteAsync(parse, JsonNode.Parse(list.GetRawText())!.AsObject(), lines.Count == 0 ? ["no receipts"] : lines);
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static string Line(JsonElement r) =>
        $"#{r.GetProperty("position").GetInt64()}  {r.GetProperty("receipt_digest").GetString()}  {r.GetProperty("standing").GetString()}" +
        (r.GetProperty("signer_key_id").ValueKind == JsonValueKind.String ? $"  by {r.GetProperty("signer_key_id").GetString()} (authority v{r.GetProperty("authority_version")})" : string.Empty);
}
