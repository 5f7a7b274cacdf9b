using System.Net;
using System.Text.Json;

namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>
/// Probes <c>POST http://host:port/rt/v1/probe</c> over HTTP/2 and checks that the answer names the exact incarnation
/// probed: a restarted process at the same address is a different node, and probing it says nothing about the old one.
/// </summary>
/// <param name="http">A client from <see cref="HttpClusterTransport.CreateHttpClient(System.Net.Security.SslClientAuthenticationOptions?)"/>.</param>
/// <param name="addressOf">Where a node listens; <c>http://host:port</c> of its id when null.</param>
public sealed class HttpClusterProbe(HttpClient http, Func<NodeId, string>? addressOf = null) : IClusterProbe
{
    /// <inheritdoc />
    public async Task<bool> ProbeAsync(NodeId target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var address = addressOf?.Invoke(target) ?? $"http://{target.Endpoint}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(address), ClusterEndpoints.ProbePath))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([]),
        };
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
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
