using System.CommandLine;
using static ActorTrust.Cli.Commands.Lineages.LineageInputs;

namespace ActorTrust.Cli.Commands.Lineages;

/// <summary>
/// <c>actortrust lineage grant|renew|commit|handoff|transfer-sent|confirm|abort|recover|retire|show|verify</c>: an
/// agent's checkpoint lineage — which executor holds authority at which epoch, and its signed checkpoint chain.
/// Until mutual TLS the node takes the executor and operator as given; checkpoints prove their signer.
/// </summary>
internal static class LineageCommand
{
    public static Command Create(CliContext context) => new("lineage", "Drive and inspect an agent's checkpoint lineage")
    {
        Grant(context),
        LineageExecutorCommands.Renew(context),
        LineageExecutorCommands.Commit(context),
        LineageExecutorCommands.Handoff(context),
        LineageExecutorCommands.TransferSent(context),
        LineageExecutorCommands.Confirm(context),
        LineageExecutorCommands.Abort(context),
        LineageExecutorCommands.SideEffect(context),
        Recover(context),
        Retire(context),
        LineageQueries.Show(context),
        LineageQueries.Verify(context),
    };

    private static Command Grant(CliContext context)
    {
        var agent = Agent();
        var executor = Executor("The executor granted authority");
        var @operator = Operator();
        var command = new Command("grant", "Give an executor authority over an unassigned lineage at epoch 1.0") { agent, executor, @operator };
        return LineageCall.Bind(context, command, (parse, client, commandId, ct) =>
            client.GrantAuthorityAsync(AgentId(parse.GetRequiredValue(agent)), ExecutorId("--executor", parse.GetRequiredValue(executor)), parse.GetRequiredValue(@operator), commandId, ct));
    }

    private static Command Recover(CliContext context)
    {
        var agent = Agent();
        var executor = Executor("The executor that resumes from the head");
        var @operator = Operator();
        var command = new Command("recover", "Resolve RecoveryRequired: an executor resumes from the head at the next major epoch") { agent, executor, @operator };
        return LineageCall.Bind(context, command, (parse, client, commandId, ct) =>
            client.RecoverLineageAsync(AgentId(parse.GetRequiredValue(agent)), ExecutorId("--executor", parse.GetRequiredValue(executor)), parse.GetRequiredValue(@operator), commandId, ct));
    }

    private static Command Retire(CliContext context)
    {
        var agent = Agent();
        var @operator = Operator();
        var command = new Command("retire", "End the lineage for good") { agent, @operator };
        return LineageCall.Bind(context, command, (parse, client, commandId, ct) =>
            client.RetireLineageAsync(AgentId(parse.GetRequiredValue(agent)), parse.GetRequiredValue(@operator), commandId, ct));
    }
}
