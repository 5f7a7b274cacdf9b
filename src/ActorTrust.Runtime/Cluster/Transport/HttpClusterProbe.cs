using System.Net;
using System.Text.Json;

namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>
/// Probes <c>POST http://host:port/rt/v1/probe</c> over HTTP/2 and checks that the answer names the exact incarnation
/// probed: a restarted process at the same address is a different node, and probing it says nothing about the old one.
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
        var address = _addressOf?.Invoke(target) ?? $"http://{target.Endpoint}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(address), ClusterEndpoints.ProbePath))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([]),
        };
        try
        {
            using var response = await _http().SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var body = await BoundedBody.ReadAsync(stream, response.Content.Headers.ContentLength, 4096, cancellationToken);
            var answer = body is null ? null : JsonSerializer.Deserialize<ProbeAnswer>(body, ProbeAnswer.Options);
            return answer is not null && string.Equals(answer.Node, target.ToString(), StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
