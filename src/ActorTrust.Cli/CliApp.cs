using System.CommandLine;
using System.Security.Cryptography;
using ActorTrust.Cli.Commands;
using ActorTrust.Cli.Commands.Agents;
using ActorTrust.Cli.Commands.Audit;
using ActorTrust.Cli.Commands.Domains;
using ActorTrust.Cli.Commands.Lineages;
using ActorTrust.Cli.Commands.Manifests;
using ActorTrust.Cli.Commands.Federation;
using ActorTrust.Cli.Commands.Sessions;
using ActorTrust.Cli.Commands.Verify;

namespace ActorTrust.Cli;

/// <summary>Builds the <c>actortrust</c> command tree and runs it with one-line errors and stable exit codes.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand("ActorTrust: a trust control plane for fleets of autonomous agents.")
        {
            KeysCommand.Create(context),
            EnvelopeCommand.Create(context),
            ConfigCommand.Create(context),
            NodeCommand.Create(context),
            DomainCommand.Create(context),
            AgentCommand.Create(context),
            ManifestCommand.Create(context),
            AuditCommand.Create(context),
            SessionCommand.Create(context),
            Commands.Cluster.ClusterCommand.Create(context),
            ContractCommand.Create(context),
            PeerCommand.Create(context),
            LineageCommand.Create(context),
            VerifyCommand.Create(context),
            CertCommand.Create(context),
            TokenCommand.Create(context),
        };
        root.Options.Add(CliContext.JsonOption);
        foreach (var option in Remote.NodeCredentials.All)
        {
            root.Options.Add(option);
        }

        var parse = root.Parse(args);
        // No termination handler of its own: `actortrust node` leaves SIGTERM/SIGINT to the host, which shuts down gracefully.
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception ex) when (IsInputProblem(ex))
        {
            // The configuration framework wraps a file's parse error; the inner one names line and column.
            var cause = ex is InvalidDataException { InnerException: FormatException inner } ? inner : ex;
            await error.WriteLineAsync($"actortrust: {cause.Message}");
            return ExitCodes.BadInput;
        }
    }

    // Problems with what the user gave us: reported as one line, never as a stack trace.
    private static bool IsInputProblem(Exception ex) =>
        ex is FormatException or IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException
            or CryptographicException or InvalidOperationException;
}
