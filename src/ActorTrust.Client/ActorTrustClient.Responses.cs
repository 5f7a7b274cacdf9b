using System.Net.Http.Json;
using System.Text.Json;

namespace ActorTrust.Client;

public sealed partial class ActorTrustClient
{
    private static async Task<CommandOutcome> ReadOutcomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = document.RootElement;
            return new CommandOutcome(
                Accepted: true,
                Duplicate: root.GetProperty("duplicate").GetBoolean(),
                Version: root.GetProperty("version").GetInt64(),
                Events: [.. root.GetProperty("events").EnumerateArray().Select(e => e.GetString()!)],
                State: root.GetProperty("state").Clone(),
                Code: null,
                Detail: null,
                Status: status);
        }

        var problem = await ReadProblemAsync(response, cancellationToken);
        if (status is 404 or 409 or 422 && problem.Code is not ("MalformedRequest" or "UnknownKind" or "InvalidEntityId"))
        {
            return new CommandOutcome(false, problem.Duplicate, 0, [], null, problem.Code, problem.Detail, status);
        }

        throw new ActorTrustApiException(status, problem.Code, problem.Detail);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ReadProblemAsync(response, cancellationToken);
            throw new ActorTrustApiException((int)response.StatusCode, problem.Code, problem.Detail);
        }
    }

    private static async Task<(string Code, string Detail, bool Duplicate)> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var code = problem.TryGetProperty("code", out var c) ? c.GetString() : null;
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            var duplicate = problem.TryGetProperty("duplicate", out var dup) && dup.ValueKind == JsonValueKind.True;
            return (code ?? response.StatusCode.ToString(), detail ?? response.ReasonPhrase ?? string.Empty, duplicate);
        }
        catch (JsonException)
        {
            return (response.StatusCode.ToString(), response.ReasonPhrase ?? string.Empty, false);
        }
    }
}
