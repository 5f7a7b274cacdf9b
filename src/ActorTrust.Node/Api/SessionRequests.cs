using System.Text.Json.Nodes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Core.Sessions;
using Microsoft.AspNetCore.Http;

namespace ActorTrust.Node.Api;

/// <summary>
/// The body of <c>POST /v1/sessions</c>. The subject and its source stand for the authenticated connection
/// (until mutual TLS supplies them); the transport facts are those of that connection.
/// </summary>
internal sealed record OpenSessionRequest(
    string SessionId,
    string Subject,
    SubjectSource SubjectSource,
    string AgentId,
    TransportFacts Transport,
    Digest PolicyBundleHash,
    Digest ToolCatalogHash,
    JsonObject? Claims = null,
    JsonObject? Manifest = null,
    string? ClaimsProfile = null,
    string? CommandId = null);

/// <summary>The body of <c>POST /v1/sessions/{id}/tool-calls</c>.</summary>
internal sealed record ToolCallRequest(string Tool, string DataClass, ToolDecision Decision, string? CommandId = null);

/// <summary>The body of <c>POST /v1/sessions/{id}/close</c> (may be empty).</summary>
internal sealed record CloseSessionRequest(string? CommandId = null);

internal static class RequestBodies
{
    /// <summary>Reads a request body strictly under the input limits (duplicate keys, unknown members, bad values → FormatException → 400).</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, T? whenEmpty, CancellationToken cancellationToken)
        where T : class
    {
        var node = await BodyLimits.ReadAsync(request, cancellationToken);
        if (node is null && whenEmpty is not null)
        {
            return whenEmpty;
        }

        return ActorTrustJson.Read<T>(node);
    }

    public static string CommandIdOr(string? given) =>
        given is null ? Guid.NewGuid().ToString("N")
        : given.Length is 0 or > CommandRequest.MaxCommandIdLength || given.Any(char.IsControl)
            ? throw new FormatException($"command_id must be 1..{CommandRequest.MaxCommandIdLength} characters without control characters")
            : given;
}
