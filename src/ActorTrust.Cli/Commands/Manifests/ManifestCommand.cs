using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Signing;

namespace ActorTrust.Cli.Commands.Manifests;

/// <summary><c>actortrust manifest sign|verify</c>: offline signing and verification, no node involved.</summary>
internal static class ManifestCommand
{
    public static Command Create(CliContext context) => new("manifest", "Sign manifests and verify Agent Manifests offline")
    {
        Sign(context),
        ManifestVerifyCommand.Create(context),
    };

    private static Command Sign(CliContext context)
    {
        var kindOption = new Option<string>("--kind") { Description = "What the document is: domain, agent or revocation", Required = true };
        kindOption.AcceptOnlyFromAmong("domain", "agent", "revocation");
        var inOption = new Option<string>("--in", "-i") { Description = "The unsigned manifest JSON", Required = true };
        var keyOption = new Option<string[]>("--key", "-k") { Description = "Key file(s) to sign with", Required = true, AllowMultipleArgumentsPerToken = true };
        var outOption = new Option<string?>("--out", "-o") { Description = "Envelope file to write (default: standard output)" };
        var command = new Command("sign", "Check a manifest and sign its canonical form into a DSSE envelope") { kindOption, inOption, keyOption, outOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var kind = Enum.Parse<ManifestKind>(parse.GetRequiredValue(kindOption), ignoreCase: true);
            var payload = await ManifestDocuments.ReadAsync(kind, parse.GetRequiredValue(inOption), cancellationToken);
            using var keys = KeySet.Read(parse.GetRequiredValue(keyOption));
            var envelope = ManifestDocuments.SignToText(kind, payload, keys);
            if (parse.GetValue(outOption) is not { } path)
            {
                await context.Output.WriteLineAsync(envelope);
                return ExitCodes.Ok;
            }

            await File.WriteAllTextAsync(path, envelope, cancellationToken);
            var json = new JsonObject
            {
                ["file"] = path,
                ["payload_type"] = ManifestDocuments.PayloadType(kind),
                ["key_ids"] = new JsonArray([.. keys.KeyIds.Select(k => (JsonNode)k)]),
            };
            await context.WriteAsync(parse, json, $"signed {path} as {ManifestDocuments.PayloadType(kind)} with {keys.KeyIds.Count} key(s)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
