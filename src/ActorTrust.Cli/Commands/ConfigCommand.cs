using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Configuration;
using Microsoft.Extensions.Configuration;

namespace ActorTrust.Cli.Commands;

/// <summary><c>actortrust config print</c>: the resolved configuration, secrets redacted.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliContext context)
    {
        var configOption = new Option<string?>("--config", "-c") { Description = "HOCON file applied over reference.conf" };
        var print = new Command("print", "Show the resolved configuration (reference.conf + --config), secrets redacted") { configOption };
        print.SetAction(async (parse, _) =>
        {
            var configuration = ActorTrustConfiguration.Load(parse.GetValue(configOption));
            var settings = configuration.AsEnumerable()
                // An object that is empty in one file but filled by another flattens to "" beside its children: skip it.
                .Where(pair => pair.Value is not null && !(pair.Value.Length == 0 && configuration.GetSection(pair.Key).GetChildren().Any()))
                .Select(pair => (Key: pair.Key, Value: SecretRedaction.Apply(pair.Key, pair.Value)!))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .ToList();

            var json = new JsonObject();
            foreach (var (key, value) in settings)
            {
                json[key.Replace(':', '.')] = value;
            }

            await context.WriteAsync(parse, json, settings.Select(s => $"{s.Key.Replace(':', '.')} = {s.Value}"));
            return ExitCodes.Ok;
        });

        return new Command("config", "Inspect configuration") { print };
    }
}
