using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorTrust.Client;

/// <summary>
/// Typed access to an ActorTrust node's client API (<c>/v1/...</c>) for internal services: commands for domains
/// and agents, queries, each entity's audit stream and the global feed. Commands carry a command id; transient
/// failures are retried with the same id, so a command never applies twice.
/// </summary>
public sealed partial class ActorTrustClient
{
    private readonly HttpClient _http;
    private readonly ActorTrustClientOptions _options;

    /// <summary>Creates a client over <paramref name="http"/>, whose <see cref="HttpClient.BaseAddress"/> is any node.</summary>
    public ActorTrustClient(HttpClient http, ActorTrustClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("the HttpClient needs a BaseAddress: the URL of any node", nameof(http));
        }

        _http = http;
        _options = options ?? new ActorTrustClientOptions();
        if (_options.BearerToken is { Length: > 0 } token && http.DefaultRequestHeaders.Authorization is null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>True when the node answers its liveness probe.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The node's metrics in Prometheus text form.</summary>
    public Task<string> GetMetricsTextAsync(CancellationToken cancellationToken = default) =>
        _http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken);

    /// <summary>The events of one entity from <paramref name="fromSeqNr"/>, one page.</summary>
    public Task<EventPage> GetEntityEventsAsync(string kind, string entityId, long fromSeqNr = 1, CancellationToken cancellationToken = default) =>
        GetAsync<EventPage>($"v1/entities/{Uri.EscapeDataString(kind)}/{Uri.EscapeDataString(entityId)}/events?from={fromSeqNr}", cancellationToken);

    /// <summary>Every event of one entity, page after page.</summary>
    public async IAsyncEnumerable<FeedEvent> ReadEntityEventsAsync(string kind, string entityId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var from = 1L;
        while (true)
        {
            var page = await GetEntityEventsAsync(kind, entityId, from, cancellationToken);
            foreach (var e in page.Events)
            {
                yield return e;
            }

            if (page.Events.Count == 0)
            {
                yield break;
            }

            from = page.NextAfter + 1;
        }
    }

    /// <summary>One page of the global feed after <paramref name="afterPosition"/>, optionally for some kinds only.</summary>
    public Task<EventPage> GetFeedPageAsync(long afterPosition = 0, int? limit = null, IEnumerable<string>? kinds = null, CancellationToken cancellationToken = default) =>
        GetAsync<EventPage>($"v1/events?after={afterPosition}{(limit is { } l ? $"&limit={l}" : string.Empty)}{KindQuery(kinds)}", cancellationToken);

    /// <summary>
    /// Follows the global feed from <paramref name="afterPosition"/>: every committed event exactly once, in commit
    /// order, for as long as the caller enumerates. A dropped connection resumes from the last event received.
    /// </summary>
    public async IAsyncEnumerable<FeedEvent> SubscribeAsync(long afterPosition = 0, IEnumerable<string>? kinds = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var position = afterPosition;
        var kindQuery = KindQuery(kinds);
        var attempt = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var stream = await OpenFeedAsync(position, kindQuery, attempt, cancellationToken);
            if (stream is null)
            {
                attempt++;
                continue;
            }

            attempt = 0;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await ReadLineOrNullAsync(reader, cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                var feedEvent = JsonSerializer.Deserialize<FeedEvent>(line)!;
                position = feedEvent.GlobalPosition;
                yield return feedEvent;
            }
        }
    }

    private async Task<Stream?> OpenFeedAsync(long position, string kindQuery, int attempt, CancellationToken cancellationToken)
    {
        if (attempt > 0)
        {
            await Task.Delay(Backoff(attempt), cancellationToken);
        }

        try
        {
            var response = await _http.GetAsync(new Uri($"v1/events?follow=true&after={position}{kindQuery}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
            return await response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (HttpRequestException) when (attempt + 1 < _options.MaxAttempts)
        {
            return null;
        }
    }

    private static async Task<string?> ReadLineOrNullAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (IOException)
        {
            return null; // the connection dropped: the caller reconnects from the last position
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static string KindQuery(IEnumerable<string>? kinds) =>
        kinds is null ? string.Empty : "&kind=" + Uri.EscapeDataString(string.Join(',', kinds));

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(cancellationToken))!;
    }

    private Task<CommandOutcome> SendCommandAsync(string path, string envelopeJson, string? commandId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopeJson);
        var body = new JsonObject
        {
            ["command_id"] = commandId ?? Guid.NewGuid().ToString("N"),
            ["envelope"] = JsonNode.Parse(envelopeJson),
        }.ToJsonString();
        return SendBodyAsync(path, body, cancellationToken);
    }

    // Posts a command body; transient failures are retried with the same body, hence the same command id.
    private async Task<CommandOutcome> SendBodyAsync(string path, string body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
                if (IsTransient(response.StatusCode) && attempt < _options.MaxAttempts)
                {
                    await Task.Delay(Backoff(attempt), cancellationToken);
                    continue;
                }

                return await ReadOutcomeAsync(response, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < _options.MaxAttempts)
            {
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, _options.InitialBackoff.Ticks << Math.Min(attempt - 1, 20)));
}
