using System.CommandLine;
using static ActorTrust.Cli.Commands.Lineages.LineageInputs;

namespace ActorTrust.Cli.Commands.Lineages;

/// <summary>
/// <c>actortrust lineage grant|renew|commit|handoff|transfer-sent|confirm|abort|recover|retire|show|verify</c>: an
/// agent's checkpoint lineage — which executor holds authority at which epoch, and its signed checkpoint chain.
/// An executor's commands are signed with its key file (<c>--executor-key</c>); grant, recover and retire are recorded
/// under the caller the node authenticated (<c>--token</c> or a client certificate); checkpoints prove their signer.
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
        var command = new Command("grant", "Give an executor authority over an unassigned lineage at epoch 1.0 (recorded under the authenticated caller)") { agent, executor };
        return LineageCall.Bind(context, command, (parse, client, commandId, ct) =>
            client.GrantAuthorityAsync(AgentId(parse.GetRequiredValue(agent)), ExecutorId("--executor", parse.GetRequiredValue(executor)), commandId, ct));
    }

    private static Command Recover(CliContext context)
    {
        var agent = Agent();
        var executor = Executor("The executor that resumes from the head");
        var command = new Command("recover", "Resolve RecoveryRequired: an executor resumes from the head at the next major epoch (needs the admin role)") { agent, executor };
        return LineageCall.Bind(context, command, (parse, client, commandId, ct) =>
            client.RecoverLineageAsync(AgentId(parse.GetRequiredValue(agent)), ExecutorId("--executor", parse.GetRequiredValue(executor)), commandId, ct));
    }

    private static Command Retire(CliContext context)
    {
        var agent = Agent();
        var command = new Command("retire", "End the lineage for good (needs the admin role)") { agent };
        return LineageCall.Bind(context, command, (parse, client, commandId, ct) =>
            client.RetireLineageAsync(AgentId(parse.GetRequiredValue(agent)), commandId, ct));
    }
}
