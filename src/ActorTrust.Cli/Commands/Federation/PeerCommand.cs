using System.CommandLine;
using ActorTrust.Core.Federation.Peers;
using ActorTrust.Core.Json;

namespace ActorTrust.Cli.Commands.Federation;

/// <summary>
/// <c>actortrust peer ...</c>: the federation lifecycle of one peer — propose, accept, enroll, heartbeat, suspend,
/// reinstate, revoke, disclose-compromise, show, list — and its grants (<see cref="PeerGrantCommands"/>).
/// </summary>
internal static class PeerCommand
{
    private const int MaxDocumentBytes = 256 * 1024;

    public static Command Create(CliContext context)
    {
        var command = new Command("peer", "Federate with another ActorTrust installation: lifecycle, heartbeats and grants")
        {
            Propose(context),
            Accept(context),
            Enroll(context),
            Heartbeat(context),
            OperatorAction(context, "suspend", "Suspend the peer pending review"),
            OperatorAction(context, "reinstate", "Reinstate a suspended peer (it must enrol again)"),
            OperatorAction(context, "revoke", "Revoke the peering: terminal; every grant is revoked"),
            PeerListCommands.DiscloseCompromise(context),
            Show(context),
            PeerListCommands.List(context),
            PeerGrantCommands.Grant(context),
            PeerGrantCommands.RevokeGrant(context),
            PeerMigrationCommands.Migration(context),
            PeerMigrationCommands.Audit(context),
        };
        return command;
    }

    private static Command Propose(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        var operatorId = new Option<string>("--operator-id") { Description = "The peer operator's identifier", Required = true };
        var endpoint = new Option<string>("--endpoint") { Description = "The peer's federation endpoint (http or https URL)", Required = true };
        var publicKey = new Option<string>("--public-key") { Description = "The peer's Ed25519 public key, 64 lowercase hex characters", Required = true };
        var reason = FederationCli.ReasonOption();
        var operatorKey = FederationCli.OperatorKeyOption();
        return FederationCli.Sending(context, "propose", "Propose a peering; the acceptance token is shown once",
            (parse, client, commandId, ct) => FederationCli.SignedAsync(parse.GetRequiredValue(operatorKey), signer => client.ProposePeerAsync(parse.GetRequiredValue(peer),
                parse.GetRequiredValue(operatorId), parse.GetRequiredValue(endpoint), parse.GetRequiredValue(publicKey), parse.GetRequiredValue(reason), signer, commandId, ct)),
            peer, operatorId, endpoint, publicKey, reason, operatorKey);
    }

    private static Command Accept(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        var token = new Option<string>("--token") { Description = "The acceptance token shown at proposal", Required = true };
        var version = new Option<int>("--contract-version") { Description = "The contract version agreed to", Required = true };
        var digest = new Option<string>("--contract-digest") { Description = "That version's text digest (sha256:...)", Required = true };
        var key = FederationCli.PeerKeyOption();
        return FederationCli.Sending(context, "accept", "Accept a peering with the token and the agreed contract version and digest",
            (parse, client, commandId, ct) =>
            {
                var contractDigest = CliValues.Digest("--contract-digest", parse.GetRequiredValue(digest)).ToString();
                return FederationCli.SignedAsync(parse.GetRequiredValue(key), signer =>
                    client.AcceptPeerAsync(parse.GetRequiredValue(peer), parse.GetRequiredValue(token), parse.GetRequiredValue(version), contractDigest, signer, commandId, ct));
            },
            peer, token, version, digest, key);
    }

    private static Command Enroll(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        var offer = new Option<string>("--offer") { Description = "JSON file: {\"disclosure\": {...}, \"capabilities\": {\"resources\": [...]}}", Required = true };
        var key = FederationCli.PeerKeyOption();
        return FederationCli.Sending(context, "enroll", "Enrol an accepted peer: identity disclosure and declared capabilities", async (parse, client, commandId, ct) =>
        {
            var read = await ReadAsync<HandshakeOffer>(parse.GetRequiredValue(offer), ct);
            return await FederationCli.SignedAsync(parse.GetRequiredValue(key),
                signer => client.EnrollPeerAsync(parse.GetRequiredValue(peer), read.Disclosure, read.Capabilities, signer, commandId, ct));
        }, peer, offer, key);
    }

    private static Command Heartbeat(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        var disclosure = new Option<string>("--disclosure") { Description = "JSON file with the current identity disclosure", Required = true };
        var version = new Option<int>("--contract-version") { Description = "The contract version the peer advertises", Required = true };
        var key = FederationCli.PeerKeyOption();
        return FederationCli.Sending(context, "heartbeat", "Record a heartbeat (makes an enrolled or degraded peer active)", async (parse, client, commandId, ct) =>
        {
            var read = await ReadAsync<IdentityDisclosure>(parse.GetRequiredValue(disclosure), ct);
            return await FederationCli.SignedAsync(parse.GetRequiredValue(key),
                signer => client.HeartbeatAsync(parse.GetRequiredValue(peer), read, parse.GetRequiredValue(version), signer, commandId, ct));
        }, peer, disclosure, version, key);
    }

    private static Command OperatorAction(CliContext context, string action, string description)
    {
        var peer = FederationCli.PeerArgument();
        var reason = FederationCli.ReasonOption();
        var operatorKey = FederationCli.OperatorKeyOption();
        return FederationCli.Sending(context, action, description,
            (parse, client, commandId, ct) => FederationCli.SignedAsync(parse.GetRequiredValue(operatorKey),
                signer => client.PeerOperatorActionAsync(parse.GetRequiredValue(peer), action, parse.GetRequiredValue(reason), signer, commandId, ct)),
            peer, reason, operatorKey);
    }

    private static Command Show(CliContext context)
    {
        var peer = FederationCli.PeerArgument();
        return FederationCli.Showing(context, "show", "Show a peer: status, contract agreement, findings, grants (digests only)", "PeerNotFound",
            (parse, client, ct) => client.GetPeerAsync(parse.GetRequiredValue(peer), ct), peer);
    }

    private static async Task<T> ReadAsync<T>(string path, CancellationToken ct) =>
        ActorTrustJson.Read<T>(await CliFiles.ReadBoundedAsync(path, MaxDocumentBytes, ct));
}
