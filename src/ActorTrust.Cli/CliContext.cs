using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorTrust.Cli;

/// <summary>Where a command writes, and whether it writes for people or for scripts (<c>--json</c>).</summary>
internal sealed class CliContext(TextWriter output, TextWriter error)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Option<bool> JsonOption { get; } = new("--json")
    {
        Description = "Write machine-readable JSON instead of human-readable text",
        Recursive = true,
    };

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>The clock for issued-at and revoked-at instants and for offline verification.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Writes <paramref name="json"/> under <c>--json</c>, otherwise the human lines.</summary>
    public async Task WriteAsync(ParseResult parse, JsonObject json, params IEnumerable<string> humanLines)
    {
        if (parse.GetValue(JsonOption))
        {
            await Output.WriteLineAsync(json.ToJsonString(Indented));
            return;
        }

        foreach (var line in humanLines)
        {
            await Output.WriteLineAsync(line);
        }
    }

    public async Task<int> FailAsync(int exitCode, string message)
    {
        await Error.WriteLineAsync($"actortrust: {message}");
        return exitCode;
    }
}
