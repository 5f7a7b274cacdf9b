using System.CommandLine;
using System.Text.Json;
using ActorTrust.Cli.Remote;
using ActorTrust.Cli.Signing;
using ActorTrust.Core.Identity;

namespace ActorTrust.Cli.Commands.Domains;

/// <summary><c>actortrust domain manifest|create|rotate|show|roles|certify|receipts|history</c>: trust domains and their authority manifests.</summary>
internal static class DomainCommand
{
    public static Command Create(CliContext context) => new("domain", "Build, create, rotate and inspect trust domains")
    {
        DomainManifestCommand.Create(context),
        CreateDomain(context),
        Rotate(context),
        DomainQueries.Show(context),
        DomainQueries.Roles(context),
        DomainCertificationCommands.Certify(context),
        DomainCertificationCommands.Receipts(context),
        History(context),
    };

    private static Command History(CliContext context)
    {
        var domain = new Argument<string>("domain") { Description = "The trust domain" };
        var output = new Option<string?>("--out", "-o") { Description = "File to write (default: standard output)" };
        var node = NodeEndpoint.CreateOption();
        var command = new Command("history", "Export the domain's authority manifest history (every signed version with its journal position) for `verify receipt|certification --history`")
        {
            domain, output, node,
        };
        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, node, async client =>
        {
            var domainId = DomainId("domain", parse.GetRequiredValue(domain));
            if (await client.GetAuthorityHistoryAsync(domainId, ct) is not { } history)
            {
                return await CommandOutput.RefusedAsync(context, parse, "DomainNotFound", $"domain '{domainId}' does not exist", 404);
            }

            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllBytesAsync(path, history, ct);
                await context.Error.WriteLineAsync($"wrote the authority history of {domainId} to {path}");
            }
            else
            {
                await context.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(history));
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>The accepted state in one line: which domain, at which version.</summary>
    public static string Summary(JsonElement state) =>
        $"domain {state.GetProperty("domain_id")} at version {state.GetProperty("current_version")}";

    /// <summary>Checks a trust domain name given on the command line.</summary>
    public static string DomainId(string option, string text) =>
        TrustDomainName.Validate(text) is { } error ? throw new FormatException($"{option}: {error}") : text;

    private static Command CreateDomain(CliContext context)
    {
        var input = new SignedInput(ManifestKind.Domain, "Root key file(s) to sign with: a threshold of the manifest's own roots");
        var node = NodeEndpoint.CreateOption();
        var commandId = NodeEndpoint.CreateCommandIdOption();
        var command = new Command("create", "Create a trust domain from its self-signed version 1 authority manifest") { node, commandId };
        input.All.ToList().ForEach(command.Options.Add);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var document = await input.ResolveAsync(parse, cancellationToken);
            return await NodeCall.RunAsync(context, parse, node, async client =>
            {
                var outcome = await client.CreateDomainAsync(document.EnvelopeJson, parse.GetValue(commandId), cancellationToken);
                return await CommandOutput.WriteAsync(context, parse, outcome, Summary);
            }, cancellationToken);
        });
        return command;
    }

    private static Command Rotate(CliContext context)
    {
        var domainOption = new Option<string>("--domain", "-d") { Description = "The trust domain to rotate", Required = true };
        var input = new SignedInput(ManifestKind.Domain, "Root key file(s) to sign with: a threshold of the current version's roots and of the new version's");
        var node = NodeEndpoint.CreateOption();
        var commandId = NodeEndpoint.CreateCommandIdOption();
        var command = new Command("rotate", "Replace a domain's authority manifest with the next version") { domainOption, node, commandId };
        input.All.ToList().ForEach(command.Options.Add);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var domainId = DomainId("--domain", parse.GetRequiredValue(domainOption));
            var document = await input.ResolveAsync(parse, cancellationToken);
            return await NodeCall.RunAsync(context, parse, node, async client =>
            {
                var outcome = await client.RotateDomainAsync(domainId, document.EnvelopeJson, parse.GetValue(commandId), cancellationToken);
                return await CommandOutput.WriteAsync(context, parse, outcome, Summary);
            }, cancellationToken);
        });
        return command;
    }
}
