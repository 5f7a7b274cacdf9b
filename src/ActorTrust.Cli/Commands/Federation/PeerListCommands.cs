using System.CommandLine;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Remote;
using ActorTrust.Core.Federation.Peers;

namespace ActorTrust.Cli.Commands.Federation;

/// <summary><c>actortrust peer disclose-compromise|list</c>.</summary>
internal static class PeerListCommands
{
    public static Command DiscloseCompromise(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        var nature = new Option<string>("--nature") { Description = "certificate_theft, intrusion, data_exfiltration or other", Required = true };
        var description = new Option<string>("--description") { Description = "What happened, for the reviewing operator", Required = true };
        var detectedAt = new Option<string?>("--detected-at") { Description = "When it was detected (ISO 8601 with offset)" };
        var operatorKey = FederationCli.OptionalOperatorKeyOption();
        var peerKey = FederationCli.OptionalPeerKeyOption();
        return FederationCli.Sending(context, "disclose-compromise", "Record a compromise disclosure: the peer is suspended at once", (parse, client, commandId, ct) =>
        {
            var disclosure = new CompromiseDisclosure(Nature(parse.GetRequiredValue(nature)), parse.GetRequiredValue(description),
                parse.GetValue(detectedAt) is { } at ? CliValues.Instant("--detected-at", at) : null);
            return FederationCli.SignedByOneAsync(parse.GetValue(operatorKey), parse.GetValue(peerKey),
                (byOperator, byPeer) => client.DiscloseCompromiseAsync(parse.GetRequiredValue(peer), disclosure, byOperator, byPeer, commandId, ct));
        }, peer, nature, description, detectedAt, operatorKey, peerKey);
    }

    public static Command List(CliContext context)
    {
        var limit = new Option<int>("--limit") { Description = "Most peers to list", DefaultValueFactory = _ => 100 };
        var node = NodeEndpoint.CreateOption();
        var command = new Command("list", "List peers with their status and agreed contract version") { limit, node };
        command.SetAction((parse, ct) => NodeCall.RunAsync(context, parse, node, async client =>
        {
            var list = await client.ListPeersAsync(parse.GetValue(limit), ct);
            var lines = list.GetProperty("peers").EnumerateArray()
                .Select(p => $"{p.GetProperty("peer_id").GetString()}  {p.GetProperty("status").GetString()}  contract={p.GetProperty("contract_version")}")
                .ToList();
            await context.WriteAsync(parse, JsonNode.Parse(list.GetRawText())!.AsObject(), lines.Count == 0 ? ["no peers"] : lines);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static CompromiseNature Nature(string text) => text switch
    {
        "certificate_theft" => CompromiseNature.CertificateTheft,
        "intrusion" => CompromiseNature.Intrusion,
        "data_exfiltration" => CompromiseNature.DataExfiltration,
        "other" => CompromiseNature.Other,
        _ => throw new FormatException($"--nature: '{text}' is not certificate_theft, intrusion, data_exfiltration or other"),
    };
}
