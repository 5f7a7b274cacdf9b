using System.Net;
using System.Security.Cryptography.X509Certificates;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Security;
using ActorTrust.Runtime.Cluster.Transport;
using ActorTrust.TestKit.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace ActorTrust.TestKit.MultiNode;

/// <summary>
/// A node on real sockets: a Kestrel HTTP/2 listener on 127.0.0.1 with mutual TLS 1.3 (client certificates required,
/// <c>/rt/v1/*</c>, indirect probes included, authorised per request by <see cref="CertificateClusterPeers"/>), and an outgoing
/// <see cref="HttpClusterTransport"/>/<see cref="HttpClusterProbe"/> presenting the node certificate through a
/// <see cref="FaultInjectingHandler"/>. Built in two steps because the certificate names the port, which is known
/// only once the listener is bound: <see cref="ListenAsync"/>, then <see cref="Connect"/>.
/// </summary>
internal sealed class KestrelNodeNetwork : INodeNetwork
{
    private readonly WebApplication _app;
    private readonly CertificateValidator _validator;
    private DeliveryReceiver? _receiver;
    private ProbeRelay? _relay;
    private X509Certificate2? _certificate;
    private HttpClient? _http;

    private KestrelNodeNetwork(WebApplication app, CertificateValidator validator, int port)
    {
        _app = app;
        _validator = validator;
        Port = port;
    }

    /// <summary>The bound port.</summary>
    public int Port { get; }

    public IClusterTransport Transport { get; private set; } = null!;

    public IClusterProbe Probe { get; private set; } = null!;

    public string Address => $"https://127.0.0.1:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Binds a listener on 127.0.0.1:<paramref name="port"/> (a free port when 0). Until <see cref="Connect"/> gives
    /// it a certificate no handshake completes; refusals go to <paramref name="refused"/>.
    /// </summary>
    public static async Task<KestrelNodeNetwork> ListenAsync(int port, X509Certificate2Collection trusted, TransportLimits limits, Action<string?, string, string> refused, CancellationToken cancellationToken)
    {
        var validator = new CertificateValidator(() => trusted, TimeProvider.System);
        KestrelNodeNetwork? network = null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(https => ClusterTls.ConfigureServer(https, () => network?._certificate ?? throw new InvalidOperationException("the node has no certificate yet"), ClientCertificateMode.RequireCertificate));
        }));
        builder.Services.AddRouting();
        var app = builder.Build();
        app.UseRouting();
        app.MapClusterTransport(() => network?._receiver ?? throw new InvalidOperationException("the node has not joined yet"), limits, new CertificateClusterPeers(validator, refused),
            () => network?._relay);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        network = new KestrelNodeNetwork(app, validator, new Uri(address).Port);
        return network;
    }

    /// <summary>Gives the node its certificate and builds its outgoing client (faults from <paramref name="faults"/>).</summary>
    public void Connect(X509Certificate2 certificate, InMemoryTransportHub faults, TransportLimits limits)
    {
        _certificate = certificate;
        var tls = ClusterTls.ClientOptions(() => certificate, _validator);
        _http = HttpClusterTransport.CreateHttpClient(new FaultInjectingHandler(faults, $"127.0.0.1:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}", HttpClusterTransport.CreateHandler(tls)));
        Transport = new HttpClusterTransport(_http, limits);
        Probe = new HttpClusterProbe(_http, node => $"https://{node.Endpoint}");
    }

    /// <summary>A real node's start-up check: its certificate must be valid by its own trust and name the endpoint it advertises.</summary>
    public string? RefuseJoin(NodeId self)
    {
        var certificate = _certificate ?? throw new InvalidOperationException("connect the node first");
        if (_validator.Check(certificate) is { } problem)
        {
            return $"{self}: its certificate '{certificate.Subject}' cannot join the cluster: {problem}";
        }

        var named = ClusterCertificates.NodeIdOf(certificate);
        return NodeCertificateIdentity.MayPresent(named, self.ToString())
            ? null
            : $"{self}: its certificate names node '{named ?? "(none)"}', not the endpoint {self.Endpoint} it would advertise";
    }

    public void Attach(DeliveryReceiver receiver, ProbeRelay relay)
    {
        _relay = relay;
        _receiver = receiver;
    }

    /// <summary>Closes the listener at once (open connections are aborted, as when a process dies) and the outgoing client.</summary>
    public async Task DetachAsync()
    {
        _http?.Dispose();
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        try
        {
            await _app.StopAsync(now.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
