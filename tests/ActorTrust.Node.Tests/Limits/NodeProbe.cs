using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Node.Tests.Limits;

/// <summary>A problem+json answer read loosely: status, <c>code</c> and <c>limit</c> (absent members are null).</summary>
internal sealed record Answer(HttpStatusCode Status, string? Code, string? Limit, string Body)
{
    public bool IsLimit(string setting) => Code == "LimitExceeded" && Limit == setting;

    public override string ToString() => $"{(int)Status} {Code} {Limit}: {Body[..Math.Min(Body.Length, 400)]}";
}

/// <summary>Raw HTTP against a node, and the journal facts a refused request must leave unchanged.</summary>
internal static class NodeProbe
{
    /// <summary>Overrides that keep the node's timers from writing during a test (checkpoints, deadlines, liveness).</summary>
    public static Dictionary<string, string?> Quiet(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["actortrust:audit:checkpoint-interval"] = "1d",
            ["actortrust:lineage:deadline-check-interval"] = "0s",
            ["actortrust:federation:liveness-check-interval"] = "1d",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    public static Task<Answer> PostAsync(NodeFixture node, string path, string body) => PostAsync(node, path, Encoding.UTF8.GetBytes(body));

    public static async Task<Answer> PostAsync(NodeFixture node, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await node.Http.PostAsync(new Uri(path, UriKind.Relative), content);
        return await ReadAsync(response);
    }

    /// <summary>
    /// Posts a body that may be over <c>max-request-body</c>: Kestrel refuses such a body while it is still being sent
    /// and closes the connection, which is answered here as the 413 it is.
    /// </summary>
    public static async Task<Answer> PostAnyAsync(NodeFixture node, string path, byte[] body)
    {
        try
        {
            return await PostAsync(node, path, body);
        }
        catch (HttpRequestException) when (body.Length > node.Settings.Node.MaxRequestBodyBytes)
        {
            return new Answer(System.Net.HttpStatusCode.RequestEntityTooLarge, null, null, "connection closed by the node");
        }
    }

    public static async Task<Answer> GetAsync(NodeFixture node, string path)
    {
        using var response = await node.Http.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response);
    }

    /// <summary>The last global position and the number of streams: what a refused request must not move.</summary>
    public static async Task<(long Position, int Events)> JournalHeadAsync(NodeFixture node)
    {
        var (position, events) = (0L, 0);
        while (true)
        {
            var page = await node.Runtime.Journal.ReadFeedAsync(position, 1000, FeedFilter.All, CancellationToken.None);
            if (page.Count == 0)
            {
                return (position, events);
            }

            events += page.Count;
            position = page[^1].GlobalPosition;
        }
    }

    /// <summary>The command body for a DSSE envelope (as the client sends it).</summary>
    public static string Command(string envelope, string commandId = "cmd-0001") =>
        new JsonObject { ["command_id"] = commandId, ["envelope"] = JsonNode.Parse(envelope) }.ToJsonString();

    private static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        string? code = null, limit = null;
        try
        {
            if (JsonNode.Parse(text) is JsonObject problem)
            {
                code = (problem["code"] as JsonValue)?.GetValue<object>()?.ToString();
                limit = (problem["limit"] as JsonValue)?.GetValue<object>()?.ToString();
            }
        }
        catch (JsonException)
        {
        }

        return new Answer(response.StatusCode, code, limit, text);
    }
}
