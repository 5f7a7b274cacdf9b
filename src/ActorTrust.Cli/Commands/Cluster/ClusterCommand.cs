using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Remote;

namespace ActorTrust.Cli.Commands.Cluster;

/// <summary><c>actortrust cluster status</c>: members, shard ownership and lease tokens.</summary>
internal static class ClusterCommand
{
    public static Command Create(CliContext context) => new("cluster", "Inspect the cluster: members, shard owners, lease tokens")
    {
        Status(context),
    };

    private static Command Status(CliContext context)
    {
        var shardsOption = new Option<bool>("--shards") { Description = "List every shard with its owner, fencing token and expiry" };
        var nodeOption = NodeEndpoint.CreateOption();
        var command = new Command("status", "Show the members and how many shards each holds (and, with --shards, every lease)") { shardsOption, nodeOption };
        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, nodeOption, async client =>
        {
            var status = await client.GetClusterStatusAsync(ct);
            await context.WriteAsync(parse, JsonNode.Parse(status.GetRawText())!.AsObject(), Describe(status, parse.GetValue(shardsOption)).ToList());
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static IEnumerable<string> Describe(JsonElement status, bool shards)
    {
        var mode = status.GetProperty("mode").GetString();
        yield return $"mode:  {mode}";
        yield return $"node:  {status.GetProperty("node").GetString()}";
        if (mode != "cluster")
        {
            yield return "an embedded node holds every shard itself";
            yield break;
        }

        yield return $"membership version {status.GetProperty("membership_version").GetInt64().ToString(CultureInfo.InvariantCulture)}";
        foreach (var member in status.GetProperty("members").EnumerateArray())
        {
            yield return $"  {member.GetProperty("node").GetString(),-40} {member.GetProperty("status").GetString(),-13} shards={member.GetProperty("shards").GetInt32().ToString(CultureInfo.InvariantCulture)}  {member.GetProperty("address").GetString()}";
        }

        var all = status.GetProperty("shards").EnumerateArray().ToList();
        var unowned = all.Count(s => s.GetProperty("owner").ValueKind != JsonValueKind.String);
        yield return $"shards: {all.Count.ToString(CultureInfo.InvariantCulture)} leases, {unowned.ToString(CultureInfo.InvariantCulture)} without a live owner";
        if (shards)
        {
            foreach (var shard in all)
            {
                var owner = shard.GetProperty("owner") is { ValueKind: JsonValueKind.String } o ? o.GetString() : "-";
                yield return $"  {shard.GetProperty("kind").GetString()}/{shard.GetProperty("shard").GetInt32().ToString(CultureInfo.InvariantCulture),-4} token={shard.GetProperty("fencing_token").GetInt64().ToString(CultureInfo.InvariantCulture),-6} owner={owner}";
            }
        }
    }
}
