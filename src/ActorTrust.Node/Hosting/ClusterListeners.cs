using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ActorTrust.Node.Hosting;

/// <summary>
/// A clustered node listens twice: the client API on <c>actortrust.node.urls</c> (HTTP/1.1 and HTTP/2) and the
/// node-to-node endpoint on <c>actortrust.cluster.listen</c> (HTTP/2 only). An <c>https://</c> listener takes the HTTPS
/// defaults <see cref="Security.NodeSecurity"/> sets (TLS 1.3, ALPN h2, the reloading node certificate, client
/// certificates requested and checked per request by the peer authenticator); <c>http://</c> is h2c with prior
/// knowledge, insecure loopback mode only.
/// </summary>
internal static class ClusterListeners
{
    public static void Configure(KestrelServerOptions kestrel, Uri api, Uri cluster)
    {
        if (api.Port == cluster.Port)
        {
            throw new ArgumentException($"actortrust.cluster.listen ({cluster}) must use another port than actortrust.node.urls ({api})");
        }

        Listen(kestrel, api, api.Scheme == "https" ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1);
        Listen(kestrel, cluster, HttpProtocols.Http2);
    }

    private static void Listen(KestrelServerOptions kestrel, Uri uri, HttpProtocols protocols)
    {
        void Options(ListenOptions o)
        {
            o.Protocols = protocols;
            if (uri.Scheme == "https")
            {
                o.UseHttps();
            }
        }

        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            kestrel.Listen(address, uri.Port, Options);
        }
        else if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(uri.Port, Options);
        }
        else
        {
            kestrel.ListenAnyIP(uri.Port, Options);
        }
    }
}
