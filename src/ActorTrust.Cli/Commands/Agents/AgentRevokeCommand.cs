using System.CommandLine;
using ActorTrust.Cli.Remote;
using ActorTrust.Cli.Signing;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Identity;
using ActorTrust.Core.Json;

namespace ActorTrust.Cli.Commands.Agents;

/// <summary>
/// <c>actortrust agent revoke</c>: signs and sends a revocation. The node accepts it only from a publisher or
/// auditor of the issuer domain other than the key that issued the current manifest.
/// </summary>
internal static class AgentRevokeCommand
{
    public static Command Create(CliContext context)
    {
        var agentOption = new Option<string>("--agent", "-a") { Description = "The agent's SPIFFE ID", Required = true };
        var reasonOption = new Option<string?>("--reason") { Description = "Why, for people (1 to 1024 characters)" };
        var keyOption = new Option<string[]>("--key", "-k") { Description = "A publisher or auditor key file other than the issuing key", AllowMultipleArgumentsPerToken = true };
        var manifestIdOption = new Option<string?>("--manifest-id") { Description = "The manifest being revoked (default: the agent's current one, asked of the node)" };
        var envelopeOption = new Option<string?>("--envelope", "-e") { Description = "An already signed revocation to send (instead of --reason and --key)" };
        var node = NodeEndpoint.CreateOption();
        var commandId = NodeEndpoint.CreateCommandIdOption();
        var command = new Command("revoke", "Revoke an agent with a revocation signed by a separate authority")
        {
            agentOption, reasonOption, keyOption, manifestIdOption, envelopeOption, node, commandId,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var agentId = AgentCommand.AgentId("--agent", parse.GetRequiredValue(agentOption));
            if (parse.GetValue(envelopeOption) is { } envelopePath)
            {
                if (parse.GetValue(reasonOption) is not null || parse.GetValue(keyOption) is { Length: > 0 })
                {
                    throw new ArgumentException("--envelope is already signed; give it without --reason and --key");
                }

                var signed = await SignedInput.ReadEnvelopeAsync(envelopePath, cancellationToken);
                return await SendAsync(context, parse, node, agentId, commandId, _ => Task.FromResult<string?>(signed.EnvelopeJson), cancellationToken);
            }

            var reason = parse.GetValue(reasonOption) ?? throw new ArgumentException("--reason is required (or give a signed --envelope)");
            using var keys = KeySet.Read(parse.GetValue(keyOption) ?? []);
            return await SendAsync(context, parse, node, agentId, commandId, async client =>
            {
                var manifestId = parse.GetValue(manifestIdOption) ?? await CurrentManifestIdAsync(client, agentId, cancellationToken);
                if (manifestId is null)
                {
                    return null;
                }

                var revocation = new AgentRevocation(agentId, manifestId, reason, context.Time.GetUtcNow());
                var payload = ManifestDocuments.Canonical(ManifestKind.Revocation, ActorTrustJson.ToCanonicalBytes(revocation));
                return ManifestDocuments.SignToText(ManifestKind.Revocation, payload, keys);
            }, cancellationToken);
        });
        return command;
    }

    // Builds the envelope (null: the agent is unknown) and sends it.
    private static Task<int> SendAsync(
        CliContext context, ParseResult parse, Option<string> node, SpiffeId agentId, Option<string?> commandId,
        Func<Client.ActorTrustClient, Task<string?>> envelope, CancellationToken cancellationToken) =>
        NodeCall.RunAsync(context, parse, node, async client =>
        {
            if (await envelope(client) is not { } envelopeJson)
            {
                return await CommandOutput.RefusedAsync(context, parse, AgentRejectionCodes.AgentNotFound, $"agent '{agentId}' is not registered", 404);
            }

            var outcome = await client.RevokeAgentAsync(agentId.ToString(), envelopeJson, parse.GetValue(commandId), cancellationToken);
            return await CommandOutput.WriteAsync(context, parse, outcome, AgentCommand.Summary);
        }, cancellationToken);

    private static async Task<string?> CurrentManifestIdAsync(Client.ActorTrustClient client, SpiffeId agentId, CancellationToken cancellationToken) =>
        await client.GetAgentAsync(agentId.ToString(), cancellationToken) is { } state
        && state.TryGetProperty("current", out var current) && current.ValueKind == System.Text.Json.JsonValueKind.Object
            ? current.GetProperty("manifest_id").GetString()
            : null;
}
