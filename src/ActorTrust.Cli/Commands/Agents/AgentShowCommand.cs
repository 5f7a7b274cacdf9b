using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Cli.Remote;
using ActorTrust.Core.Agents;

namespace ActorTrust.Cli.Commands.Agents;

/// <summary><c>actortrust agent show</c>: an agent's status, current manifest, binding and revocation.</summary>
internal static class AgentShowCommand
{
    public static Command Create(CliContext context)
    {
        var idArgument = new Argument<string>("agent") { Description = "The agent's SPIFFE ID" };
        var node = NodeEndpoint.CreateOption();
        var command = new Command("show", "Show an agent's status, current manifest and revocation") { idArgument, node };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var agentId = AgentCommand.AgentId("agent", parse.GetRequiredValue(idArgument)).ToString();
            return await NodeCall.RunAsync(context, parse, node, async client =>
            {
                if (await client.GetAgentAsync(agentId, cancellationToken) is not { } state)
                {
                    return await CommandOutput.RefusedAsync(context, parse, AgentRejectionCodes.AgentNotFound, $"agent '{agentId}' is not registered", 404);
                }

                await context.WriteAsync(parse, JsonNode.Parse(state.GetRawText())!.AsObject(), Lines(state));
                return ExitCodes.Ok;
            }, cancellationToken);
        });
        return command;
    }

    private static IEnumerable<string> Lines(JsonElement state)
    {
        yield return $"agent:     {state.GetProperty("agent_id")}";
        yield return $"status:    {state.GetProperty("status")} (entity version {state.GetProperty("entity_version")})";
        if (Member(state, "current") is { } current)
        {
            var authority = current.GetProperty("authority");
            yield return $"manifest:  {current.GetProperty("manifest_id")} ({current.GetProperty("manifest_digest")})";
            yield return $"issuer:    {current.GetProperty("issuer")} key {current.GetProperty("issuer_key_id")}";
            yield return $"prompt:    {current.GetProperty("prompt_hash")}";
            yield return $"policy:    {current.GetProperty("policy_bundle_hash")}";
            yield return $"tools:     {current.GetProperty("tool_catalog_hash")}";
            yield return $"valid:     {current.GetProperty("issued_at")} until {current.GetProperty("expires_at")}";
            yield return $"authority: {authority.GetProperty("domain_id")} version {authority.GetProperty("version")} ({authority.GetProperty("manifest_digest")})";
        }

        if (Member(state, "revocation") is { } revocation)
        {
            yield return $"revoked:   {revocation.GetProperty("revoked_at")} by {revocation.GetProperty("revoker_key_id")}: {revocation.GetProperty("reason")}";
        }
    }

    private static JsonElement? Member(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
}
