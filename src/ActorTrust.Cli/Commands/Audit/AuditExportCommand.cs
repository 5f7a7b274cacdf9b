using System.CommandLine;
using ActorTrust.Runtime.Audit;

namespace ActorTrust.Cli.Commands.Audit;

/// <summary><c>actortrust audit export</c>: every event as JSON Lines, verifiable offline with <c>audit verify --export</c>.</summary>
internal static class AuditExportCommand
{
    public static Command Create(CliContext context)
    {
        var dataOption = new Option<string?>("--data") { Description = "A node's data directory (default ./data)" };
        var outOption = new Option<string?>("--out", "-o") { Description = "File to write (default: standard output)" };
        var postgresqlOption = AuditSources.CreatePostgreSqlOption();
        var command = new Command("export", "Export the whole journal as JSON Lines (one event per line, every field)") { dataOption, outOption, postgresqlOption };
        command.SetAction(async (parse, ct) =>
        {
            var journal = await AuditSources.OpenAsync(parse.GetValue(dataOption), null, ct, parse.GetValue(postgresqlOption));
            await using var _ = journal;
            if (parse.GetValue(outOption) is { } path)
            {
                await using var file = File.Create(path);
                var count = await AuditExport.WriteAsync(journal, file, ct);
                await context.Error.WriteLineAsync($"exported {count} events to {path}");
                return ExitCodes.Ok;
            }

            using var buffer = new MemoryStream();
            await AuditExport.WriteAsync(journal, buffer, ct);
            await context.Output.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return ExitCodes.Ok;
        });
        return command;
    }
}
