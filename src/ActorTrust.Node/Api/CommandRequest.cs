using System.Text.Json.Nodes;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using Microsoft.AspNetCore.Http;

namespace ActorTrust.Node.Api;

/// <summary>
/// The body of every command endpoint: <c>{"command_id": "...", "envelope": { DSSE envelope }}</c>. Read with the
/// strict JSON reader; unknown members are refused. A retried request with the same command id returns the
/// original outcome and writes nothing.
/// </summary>
internal sealed record CommandRequest(string CommandId, string Envelope, JsonObject EnvelopeObject)
{
    /// <summary>The ceiling of <c>actortrust.limits.ids.max-command-id-length</c> (which is checked as the body is read).</summary>
    public const int MaxCommandIdLength = 1024;

    public static async Task<CommandRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await BodyLimits.ReadAsync(request, cancellationToken) is not JsonObject body)
        {
            throw new FormatException("the request body must be a JSON object");
        }

        foreach (var (name, _) in body)
        {
            if (name is not ("command_id" or "envelope"))
            {
                throw new FormatException($"unknown member '{name}' in the request body");
            }
        }

        var commandId = body["command_id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : Guid.NewGuid().ToString("N");
        if (commandId.Length is 0 or > MaxCommandIdLength || commandId.Any(char.IsControl))
        {
            throw new FormatException($"command_id must be 1..{MaxCommandIdLength} characters without control characters");
        }

        if (body["envelope"] is not JsonObject envelope)
        {
            throw new FormatException("'envelope' must be a DSSE envelope object");
        }

        return new CommandRequest(commandId, envelope.ToJsonString(), envelope);
    }

    /// <summary>Reads one string member of the (not yet verified) payload, for routing only.</summary>
    public string PayloadMember(string name)
    {
        var envelope = EnvelopeJson.Parse(System.Text.Encoding.UTF8.GetBytes(Envelope));
        return CanonicalJson.Parse(envelope.Payload) is JsonObject payload && payload[name] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new FormatException($"the envelope payload has no string member '{name}'");
    }
}
