using System.Net;
using System.Text.Json;

namespace ActorTrust.Client;

public sealed partial class ActorTrustClient
{
    /// <summary>Creates a trust domain from a self-signed Domain Authority Manifest v1 envelope (DSSE JSON).</summary>
    public Task<CommandOutcome> CreateDomainAsync(string envelopeJson, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendCommandAsync("v1/domains", envelopeJson, commandId, cancellationToken);

    /// <summary>Rotates a domain to manifest vN+1, signed by a threshold of vN's roots and of its own.</summary>
    public Task<CommandOutcome> RotateDomainAsync(string domainId, string envelopeJson, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendCommandAsync($"v1/domains/{Uri.EscapeDataString(domainId)}/rotate", envelopeJson, commandId, cancellationToken);

    /// <summary>The domain's state (versions and principals), or null when it does not exist.</summary>
    public Task<JsonElement?> GetDomainAsync(string domainId, CancellationToken cancellationToken = default) =>
        GetOrNullAsync($"v1/domains/{Uri.EscapeDataString(domainId)}", cancellationToken);

    /// <summary>Whether key <paramref name="keyId"/> held <paramref name="role"/> in the domain's manifest version <paramref name="version"/>.</summary>
    public async Task<bool> KeyHeldRoleAsync(string domainId, string keyId, string role, long version, CancellationToken cancellationToken = default)
    {
        var answer = await GetAsync<JsonElement>(
            $"v1/domains/{Uri.EscapeDataString(domainId)}/key-roles?key_id={Uri.EscapeDataString(keyId)}&role={Uri.EscapeDataString(role)}&version={version}",
            cancellationToken);
        return answer.GetProperty("held").GetBoolean();
    }

    /// <summary>Registers an agent from a signed Agent Manifest envelope (DSSE JSON).</summary>
    public Task<CommandOutcome> RegisterAgentAsync(string envelopeJson, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendCommandAsync("v1/agents", envelopeJson, commandId, cancellationToken);

    /// <summary>Rotates an agent to a newer manifest chained by <c>previous_manifest_id</c>.</summary>
    public Task<CommandOutcome> RotateAgentAsync(string agentId, string envelopeJson, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendCommandAsync($"v1/agents/{Uri.EscapeDataString(agentId)}/rotate", envelopeJson, commandId, cancellationToken);

    /// <summary>Revokes an agent with a signed revocation from a principal other than the issuing key.</summary>
    public Task<CommandOutcome> RevokeAgentAsync(string agentId, string envelopeJson, string? commandId = null, CancellationToken cancellationToken = default) =>
        SendCommandAsync($"v1/agents/{Uri.EscapeDataString(agentId)}/revoke", envelopeJson, commandId, cancellationToken);

    /// <summary>The agent's state (status, current manifest, binding), or null when never registered.</summary>
    public Task<JsonElement?> GetAgentAsync(string agentId, CancellationToken cancellationToken = default) =>
        GetOrNullAsync($"v1/agents/{Uri.EscapeDataString(agentId)}", cancellationToken);

    /// <summary>
    /// Asks the node to sign a journal checkpoint now; the answer carries the signed <c>envelope</c> (null when nothing
    /// was committed since the last one), which an auditor can keep outside the node.
    /// </summary>
    public async Task<JsonElement> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync(new Uri("v1/audit/checkpoints", UriKind.Relative), null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.Clone();
    }

    private async Task<JsonElement?> GetOrNullAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.Clone();
    }
}
