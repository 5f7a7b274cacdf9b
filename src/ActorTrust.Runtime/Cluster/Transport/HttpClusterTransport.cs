using System.Net;
using System.Net.Http.Headers;

namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>
/// Sends batches over HTTP/2 to <c>POST {address}/rt/v1/deliver</c>, requiring HTTP/2 exactly
/// (<see cref="HttpVersionPolicy.RequestVersionExact"/>: prior-knowledge h2c on a cleartext loopback listener, h2 over
/// TLS otherwise), so many batches share one connection as separate streams. Network failures, non-success statuses
/// and malformed replies all become <see cref="ClusterTransportException"/>; the router decides whether to retry.
/// </summary>
public sealed class HttpClusterTransport : IClusterTransport
{
    private readonly Func<HttpClient> _http;
    private readonly TransportLimits _limits;

    /// <summary>Sends through <paramref name="http"/> for as long as this transport lives.</summary>
    public HttpClusterTransport(HttpClient http, TransportLimits limits)
        : this(Fixed(http), limits)
    {
    }

    /// <summary>Sends through <paramref name="http"/>'s current client: renewed when the node's certificate rotates.</summary>
    public HttpClusterTransport(ClusterHttpClient http, TransportLimits limits)
        : this(Renewing(http), limits)
    {
    }

    private HttpClusterTransport(Func<HttpClient> http, TransportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _http = http;
        _limits = limits;
    }

    /// <summary>
    /// An <see cref="HttpClient"/> set up for node-to-node HTTP/2 (one pooled connection handler for all peers);
    /// <paramref name="tls"/> carries the node's client certificate and server validation for mutual TLS.
    /// <paramref name="connectionLifetime"/> bounds how long one connection is reused (so a peer's rotated server
    /// certificate is seen on a busy connection too); unbounded when null.
    /// </summary>
    public static HttpClient CreateHttpClient(System.Net.Security.SslClientAuthenticationOptions? tls = null, TimeSpan? connectionLifetime = null) =>
        CreateHttpClient(CreateHandler(tls, connectionLifetime));

    /// <summary>An <see cref="HttpClient"/> for node-to-node HTTP/2 over <paramref name="handler"/> (a <see cref="CreateHandler"/>, perhaps wrapped).</summary>
    public static HttpClient CreateHttpClient(HttpMessageHandler handler) => new(handler)
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = Timeout.InfiniteTimeSpan, // every call carries its own deadline token
    };

    /// <summary>
    /// The pooled HTTP/2 connection handler behind <see cref="CreateHttpClient(System.Net.Security.SslClientAuthenticationOptions?, TimeSpan?)"/>;
    /// <paramref name="connectionLifetime"/> bounds how long one connection is reused (unbounded when null).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(System.Net.Security.SslClientAuthenticationOptions? tls = null, TimeSpan? connectionLifetime = null) => new()
    {
        SslOptions = tls ?? new System.Net.Security.SslClientAuthenticationOptions(),
        EnableMultipleHttp2Connections = true,
        PooledConnectionLifetime = connectionLifetime ?? Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AutomaticDecompression = DecompressionMethods.None,
    };

    private static Func<HttpClient> Fixed(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return () => http;
    }

    private static Func<HttpClient> Renewing(ClusterHttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return () => http.Current;
    }

    /// <inheritdoc />
    public async Task<DeliveryReply> SendAsync(ClusterPeer target, DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(batch);
        var body = DeliveryWire.EncodeBatch(batch);
        if (body.Length > _limits.MaxBodyBytes)
        {
            throw new FormatException($"batch of {body.Length} bytes is over the {_limits.MaxBodyBytes}-byte limit");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(target.Address), ClusterEndpoints.DeliverPath))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var reply = await BoundedBody.ReadAsync(stream, response.Content.Headers.ContentLength, _limits.MaxBodyBytes, cancellationToken)
                ?? throw new ClusterTransportException($"{target.Node} sent a reply over the {_limits.MaxBodyBytes}-byte limit");
            if (!response.IsSuccessStatusCode)
            {
                var text = System.Text.Encoding.UTF8.GetString(reply.AsSpan(0, Math.Min(reply.Length, 500)));
                throw new ClusterTransportException($"{target.Node} refused the batch: {(int)response.StatusCode} {text}");
            }

            return DeliveryWire.DecodeReply(reply, batch.Envelopes.Count, _limits);
        }
        catch (HttpRequestException ex)
        {
            throw new ClusterTransportException($"{target.Node} at {target.Address} is unreachable: {ex.Message}", ex);
        }
        catch (FormatException ex)
        {
            throw new ClusterTransportException($"{target.Node} sent a malformed reply: {ex.Message}", ex);
        }
    }
}
