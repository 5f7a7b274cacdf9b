using System.CommandLine;
using static ActorTrust.Cli.Commands.Lineages.LineageInputs;

namespace ActorTrust.Cli.Commands.Lineages;

/// <summary>
/// The lineage commands an executor sends: renew, commit, handoff, transfer-sent, confirm, abort, side-effect. Each
/// but commit reads the executor's key file (<c>--executor-key</c>), names its key id and is signed by it; a commit is
/// a checkpoint envelope already signed by the owner's key.
/// </summary>
internal static class LineageExecutorCommands
{
    /// <summary>Largest checkpoint envelope file read.</summary>
    private const int MaxEnvelopeBytes = 1024 * 1024;

    public static Command Renew(CliContext context)
    {
        var (agent, executor, epoch) = (Agent(), ExecutorKey("The owner"), Epoch());
        var command = new Command("renew", "Renew the owner's lease (the generation is bumped)") { agent, executor, epoch };
        return LineageCall.Bind(context, command, (parse, client, commandId, ct) => WithExecutorKeyAsync(parse.GetRequiredValue(executor), signer =>
            client.RenewLeaseAsync(AgentId(parse.GetRequiredValue(agent)), signer,
                EpochOf("--epoch", parse.GetRequiredValue(epoch)), commandId, ct)));
    }

    public static Command Commit(CliContext context)
    {
        var agent = Agent();
        var envelope = new Argument<string>("checkpoint") { Description = "The checkpoint envelope file (DSSE JSON signed by the owner's key)" };
        var command = new Command("commit", "Commit a signed checkpoint extending the head") { agent, envelope };
        return LineageCall.Bind(context, command, async (parse, client, commandId, ct) =>
        {
            var bytes = await CliFiles.ReadBoundedAsync(parse.GetRequiredValue(envelope), MaxEnvelopeBytes, ct);
            return await client.CommitCheckpointAsync(AgentId(parse.GetRequiredValue(agent)), System.Text.Encoding.UTF8.GetString(bytes), commandId, ct);
        });
    }

    public static Command Handoff(CliContext context)
    {
        var (agent, executor, epoch) = (Agent(), ExecutorKey("The owner"), Epoch());
        var to = new Option<string>("--to") { Description = "The target executor: a key id, key file, public key file or hex", Required = true };
        var command = new Command("handoff", "Begin handing authority to another executor") { agent, executor, epoch, to };
        return LineageCall.Bind(context, command, (parse, client, commandId, ct) => WithExecutorKeyAsync(parse.GetRequiredValue(executor), signer =>
            client.BeginHandoffAsync(AgentId(parse.GetRequiredValue(agent)), signer,
                EpochOf("--epoch", parse.GetRequiredValue(epoch)), ExecutorId("--to", parse.GetRequiredValue(to)), commandId, ct)));
    }

    public static Command TransferSent(CliContext context)
    {
        var (agent, executor, epoch, checkpoint) = (Agent(), ExecutorKey("The owner"), Epoch(), Checkpoint("The checkpoint the package resumes from (the head)"));
        var command = new Command("transfer-sent", "Report the migration package sent; only the target can now confirm, before the timeout") { agent, executor, epoch, checkpoint };
        return LineageCall.Bind(context, command, (parse, client, commandId, ct) => WithExecutorKeyAsync(parse.GetRequiredValue(executor), signer =>
            client.ReportTransferSentAsync(AgentId(parse.GetRequiredValue(agent)), signer,
                EpochOf("--epoch", parse.GetRequiredValue(epoch)), CliValues.Digest("--checkpoint", parse.GetRequiredValue(checkpoint)), commandId, ct)));
    }

    public static Command Confirm(CliContext context)
    {
        var (agent, executor, checkpoint) = (Agent(), ExecutorKey("The handoff's target"), Checkpoint("The checkpoint it resumed from"));
        var command = new Command("confirm", "The target confirms the handoff; it owns the lineage at the next major epoch") { agent, executor, checkpoint };
        return LineageCall.Bind(context, command, (parse, client, commandId, ct) => WithExecutorKeyAsync(parse.GetRequiredValue(executor), signer =>
            client.ConfirmHandoffAsync(AgentId(parse.GetRequiredValue(agent)), signer,
                CliValues.Digest("--checkpoint", parse.GetRequiredValue(checkpoint)), commandId, ct)));
    }

    public static Command Abort(CliContext context)
    {
        var (agent, executor, epoch) = (Agent(), ExecutorKey("The owner"), Epoch());
        var command = new Command("abort", "Abandon a handoff whose package was not yet sent") { agent, executor, epoch };
        return LineageCall.Bind(context, command, (parse, client, commandId, ct) => WithExecutorKeyAsync(parse.GetRequiredValue(executor), signer =>
            client.AbortHandoffAsync(AgentId(parse.GetRequiredValue(agent)), signer,
                EpochOf("--epoch", parse.GetRequiredValue(epoch)), commandId, ct)));
    }

    public static Command SideEffect(CliContext context)
    {
        var (agent, executor, epoch) = (Agent(), ExecutorKey("The owner"), Epoch());
        var effect = new Option<string>("--effect") { Description = "Digest of the side effect to authorise (sha256:...); each is authorised at most once", Required = true };
        var command = new Command("side-effect", "Authorise a side effect for the owner at its current epoch (at most once per effect)") { agent, executor, epoch, effect };
        return LineageCall.Bind(context, command, (parse, client, commandId, ct) => WithExecutorKeyAsync(parse.GetRequiredValue(executor), signer =>
            client.AuthorizeSideEffectAsync(AgentId(parse.GetRequiredValue(agent)), signer,
                EpochOf("--epoch", parse.GetRequiredValue(epoch)), CliValues.Digest("--effect", parse.GetRequiredValue(effect)), commandId, ct)));
    }

    private static Option<string> Checkpoint(string description) => new("--checkpoint") { Description = description + " (sha256:...)", Required = true };
}
