using System.CommandLine;
using ActorTrust.Node.Hosting;

namespace ActorTrust.Cli.Commands;

/// <summary>
/// <c>actortrust node</c>: runs a node. With no options it is the embedded default — SQLite under <c>./data</c>,
/// the API on <c>http://127.0.0.1:5080</c>. Secure by default: without TLS certificates it refuses to start unless
/// <c>--insecure</c> (loopback only), so <c>actortrust node --insecure</c> is the one command for local development.
/// </summary>
internal static class NodeCommand
{
    public static Command Create(CliContext context)
    {
        var configOption = new Option<string?>("--config", "-c") { Description = "HOCON file applied over reference.conf" };
        var urlsOption = new Option<string?>("--urls") { Description = "Address to listen on (default http://127.0.0.1:5080)" };
        var dataOption = new Option<string?>("--data") { Description = "Data directory for the journal and node key (default ./data)" };
        var devOption = new Option<bool>("--dev") { Description = "Development mode (accepts manifest-dev subjects); never in production" };
        var insecureOption = new Option<bool>("--insecure")
        {
            Description = "Plain HTTP without authentication, for local development; allowed only on loopback addresses (actortrust.security.insecure)",
        };
        var command = new Command("node", "Run an ActorTrust node (embedded SQLite by default)") { configOption, urlsOption, dataOption, devOption, insecureOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (parse.GetValue(urlsOption) is { } urls)
            {
                overrides["actortrust:node:urls"] = urls;
            }

            if (parse.GetValue(dataOption) is { } data)
            {
                overrides["actortrust:node:data-dir"] = data;
            }

            if (parse.GetValue(devOption))
            {
                overrides["actortrust:node:dev-mode"] = "true";
            }

            if (parse.GetValue(insecureOption))
            {
                overrides["actortrust:security:insecure"] = "true";
            }

            var settings = NodeSettings.Load(parse.GetValue(configOption), overrides);
            await using var app = await NodeHost.BuildAsync(settings, cancellationToken: cancellationToken);
            await app.RunAsync();
            return ExitCodes.Ok;
        });
        return command;
    }
}
