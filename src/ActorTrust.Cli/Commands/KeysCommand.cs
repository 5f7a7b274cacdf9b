using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Keys;
using ActorTrust.Runtime.Keys;

namespace ActorTrust.Cli.Commands;

/// <summary><c>actortrust keys generate|show|export-public</c>: Ed25519 key files. The seed is never printed.</summary>
internal static class KeysCommand
{
    public static Command Create(CliContext context) => new("keys", "Create and inspect Ed25519 signing keys")
    {
        Generate(context),
        Show(context),
        ExportPublic(context),
    };

    private static Command Generate(CliContext context)
    {
        var outOption = new Option<string>("--out", "-o") { Description = "Key file to create (mode 0600)", Required = true };
        var labelOption = new Option<string?>("--label") { Description = "Human label stored in the key file" };
        var forceOption = new Option<bool>("--force") { Description = "Replace an existing key file" };
        var command = new Command("generate", "Generate a new Ed25519 key into a 0600 key file") { outOption, labelOption, forceOption };
        command.SetAction(async (parse, _) =>
        {
            var path = parse.GetRequiredValue(outOption);
            using var keyPair = Ed25519KeyPair.Generate();
            using var keyFile = KeyFile.Create(keyPair, TimeProvider.System.GetUtcNow(), parse.GetValue(labelOption));
            KeyFileIo.Write(path, keyFile, parse.GetValue(forceOption));
            await context.WriteAsync(parse, Describe(keyFile.PublicKey, keyFile.Label, path),
                $"created {path}",
                $"key id:     {keyFile.KeyId}",
                $"public key: {keyFile.PublicKey}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var fileArgument = new Argument<string>("file") { Description = "A key file or a public key file" };
        var command = new Command("show", "Show a key's public key and key id (never the seed)") { fileArgument };
        command.SetAction(async (parse, _) =>
        {
            var path = parse.GetRequiredValue(fileArgument);
            var key = TrustedKeys.Load(path);
            var json = Describe(key.PublicKey, key.Label, path);
            await context.WriteAsync(parse, json,
                $"key id:     {key.PublicKey.KeyId}",
                $"public key: {key.PublicKey}",
                $"label:      {key.Label ?? "(none)"}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ExportPublic(CliContext context)
    {
        var fileArgument = new Argument<string>("file") { Description = "The key file" };
        var outOption = new Option<string>("--out", "-o") { Description = "Public key file to write", Required = true };
        var command = new Command("export-public", "Write the public half of a key file, to give to verifiers") { fileArgument, outOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = TrustedKeys.Load(parse.GetRequiredValue(fileArgument));
            var path = parse.GetRequiredValue(outOption);
            await File.WriteAllBytesAsync(path, key.ToUtf8Json(), cancellationToken);
            await context.WriteAsync(parse, Describe(key.PublicKey, key.Label, path), $"wrote {path}", $"key id: {key.PublicKey.KeyId}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static JsonObject Describe(Ed25519PublicKey key, string? label, string path) => new()
    {
        ["file"] = path,
        ["key_id"] = key.KeyId.ToString(),
        ["public_key"] = key.ToString(),
        ["label"] = label,
    };
}
