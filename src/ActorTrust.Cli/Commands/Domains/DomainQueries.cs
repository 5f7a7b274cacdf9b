using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Remote;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Cli.Commands.Domains;

/// <summary><c>actortrust domain show|roles</c>: what a node knows of a domain.</summary>
internal static class DomainQueries
{
    public static Command Show(CliContext context)
    {
        var idArgument = new Argument<string>("domain") { Description = "The trust domain name" };
        var node = NodeEndpoint.CreateOption();
        var command = new Command("show", "Show a domain's current version, principals and version history") { idArgument, node };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var domainId = DomainCommand.DomainId("domain", parse.GetRequiredValue(idArgument));
            return await NodeCall.RunAsync(context, parse, node, async client =>
            {
                if (await client.GetDomainAsync(domainId, cancellationToken) is not { } state)
                {
                    return await CommandOutput.RefusedAsync(context, parse, "DomainNotFound", $"domain '{domainId}' does not exist", 404);
                }

                await context.WriteAsync(parse, JsonNode.Parse(state.GetRawText())!.AsObject(), DomainText.Lines(state));
                return ExitCodes.Ok;
            }, cancellationToken);
        });
        return command;
    }

    public static Command Roles(CliContext context)
    {
        var idArgument = new Argument<string>("domain") { Description = "The trust domain name" };
        var keyOption = new Option<string>("--key-id") { Description = "The key: its id (sha256:...) or a key or public key file", Required = true };
        var roleOption = new Option<string>("--role") { Description = "producer, executor, publisher, auditor or federator", Required = true };
        var versionOption = new Option<long?>("--version") { Description = "The manifest version to ask about (default: the current one)" };
        var node = NodeEndpoint.CreateOption();
        var command = new Command("roles", "Ask whether a key held a role in a domain version (exit 0 held, 3 not held)")
        {
            idArgument, keyOption, roleOption, versionOption, node,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var domainId = DomainCommand.DomainId("domain", parse.GetRequiredValue(idArgument));
            var key = parse.GetRequiredValue(keyOption);
            var keyId = key.StartsWith(Digest.Prefix, StringComparison.Ordinal) ? CliValues.Digest("--key-id", key) : TrustedKeys.Load(key).PublicKey.KeyId;
            var role = CliValues.Name(CliValues.Role("--role", parse.GetRequiredValue(roleOption)));
            return await NodeCall.RunAsync(context, parse, node, async client =>
            {
                var version = parse.GetValue(versionOption);
                if (version is null)
                {
                    if (await client.GetDomainAsync(domainId, cancellationToken) is not { } state)
                    {
                        return await CommandOutput.RefusedAsync(context, parse, "DomainNotFound", $"domain '{domainId}' does not exist", 404);
                    }

                    version = state.GetProperty("current_version").GetInt64();
                }

                var held = await client.KeyHeldRoleAsync(domainId, keyId.ToString(), role, version.Value, cancellationToken);
                var json = new JsonObject { ["domain_id"] = domainId, ["key_id"] = keyId.ToString(), ["role"] = role, ["version"] = version, ["held"] = held };
                await context.WriteAsync(parse, json, $"{(held ? "HELD" : "NOT HELD")}: {keyId} {(held ? "held" : "did not hold")} {role} in {domainId} version {version}");
                return held ? ExitCodes.Ok : ExitCodes.Refused;
            }, cancellationToken);
        });
        return command;
    }
}
