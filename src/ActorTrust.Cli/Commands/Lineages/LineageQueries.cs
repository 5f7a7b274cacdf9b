using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Remote;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;
using ActorTrust.Core.Lineage;
using ActorTrust.Node.Hosting;
using ActorTrust.Runtime.Audit;
using ActorTrust.Runtime.Journal;
using static ActorTrust.Cli.Commands.Lineages.LineageInputs;

namespace ActorTrust.Cli.Commands.Lineages;

/// <summary><c>lineage show</c> (the operator view from a node) and <c>lineage verify</c> (the chain, checked offline).</summary>
internal static class LineageQueries
{
    public static Command Show(CliContext context)
    {
        var agent = Agent();
        var node = NodeEndpoint.CreateOption();
        var command = new Command("show", "Show a lineage now: status (with the clocks applied), epoch, owner, lease, head") { agent, node };
        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, node, async client =>
        {
            var id = AgentId(parse.GetRequiredValue(agent));
            if (await client.GetLineageAsync(id, ct) is not { } view)
            {
                return await CommandOutput.RefusedAsync(context, parse, "LineageNotFound", $"agent '{id}' has no lineage", 404);
            }

            var snapshot = view.GetProperty("snapshot");
            await context.WriteAsync(parse, JsonNode.Parse(view.GetRawText())!.AsObject(),
                $"lineage:     {id}",
                $"status:      {Text(snapshot, "effective_status")} (recorded {Text(snapshot, "status")})",
                $"epoch:       {EpochText(view.GetProperty("epoch"))}",
                $"owner:       {Text(snapshot, "owner")}",
                $"head:        {Text(view, "head")} ({view.GetProperty("chain_length").GetInt32()} checkpoints)",
                $"violations:  {snapshot.GetProperty("violation_count").GetInt32()}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    public static Command Verify(CliContext context)
    {
        var agent = Agent();
        var keys = new Option<string[]>("--executor-key") { Description = "Executor keys trusted to sign checkpoints: key file, public key file or hex", Required = true, AllowMultipleArgumentsPerToken = true };
        var journal = new Option<string?>("--journal") { Description = "A journal export (audit export) to read the lineage from, instead of a node" };
        var node = NodeEndpoint.CreateOption();
        var command = new Command("verify", "Verify a lineage's checkpoint chain offline (from a journal export, or the chain a node serves): signatures, parents, ticks, epochs, head")
        {
            agent, keys, journal, node,
        };
        command.SetAction(async (parse, ct) =>
        {
            var id = AgentId(parse.GetRequiredValue(agent));
            var trusted = parse.GetRequiredValue(keys).Select(k => TrustedKeys.Load(k).PublicKey).ToList();
            if (parse.GetValue(journal) is { } path)
            {
                var (envelopes, tenures, head) = await FromJournalAsync(path, id, ct);
                return await WriteAsync(context, parse, CheckpointChainVerifier.Verify(SpiffeId.Parse(id), envelopes, trusted, tenures, head));
            }

            return await NodeCall.RunAsync(context, parse, node, async client =>
            {
                if (await client.GetLineageChainAsync(id, ct) is not { } chain)
                {
                    return await CommandOutput.RefusedAsync(context, parse, "LineageNotFound", $"agent '{id}' has no lineage", 404);
                }

                // The head and tenures the node states are checked against the chain it serves (a truncated chain fails).
                var served = chain.GetProperty("envelopes").EnumerateArray().Select(e => e.GetRawText()).ToList();
                var stated = chain.GetProperty("chain");
                var head = Digest.Parse(stated.GetProperty("head").GetString()!);
                var tenures = ActorTrustJson.Read<List<Tenure>>(System.Text.Encoding.UTF8.GetBytes(stated.GetProperty("tenures").GetRawText()));
                return await WriteAsync(context, parse, CheckpointChainVerifier.Verify(SpiffeId.Parse(id), served, trusted, tenures, head));
            }, ct);
        });
        return command;
    }

    // The lineage's events from an export, folded with the decider's own Evolve: envelopes, tenures and head.
    private static async Task<(IReadOnlyList<string> Envelopes, IReadOnlyList<Tenure> Tenures, Digest Head)> FromJournalAsync(string path, string agentId, CancellationToken ct)
    {
        await using var input = File.OpenRead(path);
        var export = await AuditExport.ReadAsync(input, ct);
        var pid = PersistenceIds.For(EntityKinds.Lineage.Name, agentId);
        var events = export.Records.Where(r => r.PersistenceId == pid).OrderBy(r => r.SeqNr)
            .Select(r => EntityKinds.Lineage.Events.Deserialize(r.EventType, r.Payload)).ToList();
        var state = events.Aggregate(LineageState.Empty, LineageDecider.Instance.Evolve);
        return (CheckpointChainVerifier.EnvelopesOf(events), state.Tenures, state.HeadDigest);
    }

    private static async Task<int> WriteAsync(CliContext context, ParseResult parse, CheckpointChainVerification result)
    {
        var json = new JsonObject
        {
            ["verified"] = result.IsValid,
            ["checkpoints"] = result.Verified.Count,
            ["error"] = result.Error,
            ["failed_index"] = result.FailedIndex,
            ["detail"] = result.Detail,
        };
        var lines = result.Verified.Select(v => $"verified  #{v.Index} tick {v.Checkpoint.Tick} epoch {v.Checkpoint.Epoch} {v.Digest} by {v.SignerKeyId}").ToList();
        lines.Add(result.IsValid ? $"VERIFIED ({result.Verified.Count} checkpoints)" : $"FAILED: {result.Error} at #{result.FailedIndex}: {result.Detail}");
        await context.WriteAsync(parse, json, lines);
        return result.IsValid ? ExitCodes.Ok : ExitCodes.Refused;
    }
}
