using System.Net;
using System.Text.Json;

namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>
/// Probes <c>POST http://host:port/rt/v1/probe</c> over HTTP/2 and checks that the answer names the exact incarnation
/// probed: a restarted process at the same address is a different node, and probing it says nothing about the old one.
/// Indirect probes go to the intermediary's <c>POST /rt/v1/probe-via</c>.
/// </summary>
/// <remarks><c>addressOf</c> says where a node listens (<c>http://host:port</c> of its id when null); the client comes from <see cref="HttpClusterTransport.CreateHttpClient(System.Net.Security.SslClientAuthenticationOptions?, TimeSpan?)"/>.</remarks>
public sealed class HttpClusterProbe : IClusterProbe
{
    private readonly Func<HttpClient> _http;
    private readonly Func<NodeId, string>? _addressOf;

    /// <summary>Probes through <paramref name="http"/>.</summary>
    public HttpClusterProbe(HttpClient http, Func<NodeId, string>? addressOf = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = () => http;
        _addressOf = addressOf;
    }

    /// <summary>Probes through <paramref name="http"/>'s current client (renewed when the node's certificate rotates).</summary>
    public HttpClusterProbe(ClusterHttpClient http, Func<NodeId, string>? addressOf = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = () => http.Current;
        _addressOf = addressOf;
    }

    /// <inheritdoc />
    public async Task<bool> ProbeAsync(NodeId target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var answer = await PostAsync<ProbeAnswer>(target, ClusterEndpoints.ProbePath, [], cancellationToken);
        return answer is not null && string.Equals(answer.Node, target.ToString(), StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public async Task<IndirectProbeResult> ProbeViaAsync(NodeId intermediary, NodeId target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intermediary);
        ArgumentNullException.ThrowIfNull(target);
        var request = JsonSerializer.SerializeToUtf8Bytes(IndirectProbeRequest.For(target, timeout), ProbeAnswer.Options);
        var answer = await PostAsync<IndirectProbeAnswer>(intermediary, ClusterEndpoints.ProbeViaPath, request, cancellationToken);
        if (answer is null || !string.Equals(answer.Target, target.ToString(), StringComparison.Ordinal))
        {
            return IndirectProbeResult.NoAnswer;
        }

        return answer.Reached ? IndirectProbeResult.Reached : IndirectProbeResult.NotReached;
    }

    // The JSON answer of a 2xx, or null when the call failed, was refused or answered something unreadable.
    private async Task<T?> PostAsync<T>(NodeId node, string path, byte[] content, CancellationToken cancellationToken)
        where T : class
    {
        var address = _addressOf?.Invoke(node) ?? $"http://{node.Endpoint}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(address), path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(content),
        };
        try
        {
            using var response = await _http().SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var body = await BoundedBody.ReadAsync(stream, response.Content.Headers.ContentLength, 4096, cancellationToken);
            return body is null ? null : JsonSerializer.Deserialize<T>(body, ProbeAnswer.Options);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException or IOException)
        {
            return null;
        }
    }
}
