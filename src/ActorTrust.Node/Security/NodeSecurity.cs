using System.Net.Security;
using System.Threading.RateLimiting;
using ActorTrust.Node.Api;
using ActorTrust.Node.Hosting;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Security;
using ActorTrust.Runtime.Cluster.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace ActorTrust.Node.Security;

/// <summary>
/// Wires <c>actortrust.security</c> into a node: TLS 1.3 with the reloading node certificate and optional client
/// certificates, client authentication and per-route roles, the per-principal rate limit, and the cluster-route peer
/// authenticator (<see cref="IClusterPeerAuthenticator"/> in DI, for whoever maps <c>/rt/v1/*</c>).
/// </summary>
public static class NodeSecurity
{
    /// <summary>
    /// Checks the settings (refusing to start without certificates unless insecure on loopback), loads the TLS material
    /// and registers the services. Returns the node's TLS for outgoing cluster calls, built now so the cluster runtime
    /// can use it before the host is built; <paramref name="time"/> is the clock certificates are checked against
    /// (the registered <see cref="TimeProvider"/> when null).
    /// </summary>
    public static NodeTls AddNodeSecurity(this WebApplicationBuilder builder, NodeSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.Security;
        options.ValidateForStart(settings.Node.Urls);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SecurityLog>();
        NodeTls nodeTls;
        var tokensFile = options.TokensFile.Length > 0 ? options.TokensFile : Path.Combine(settings.Node.DataDir, "tokens.json");
        builder.Services.AddSingleton(sp => new TokenStore(tokensFile, sp.GetRequiredService<TimeProvider>()));
        if (options.Insecure)
        {
            builder.Services.AddSingleton<IClusterPeerAuthenticator>(AllowAllClusterPeers.Instance);
            nodeTls = new NodeTls(null, null);
            builder.Services.AddSingleton(nodeTls);
        }
        else
        {
            var material = new TlsMaterial(options);
            material.Load();
            builder.Services.AddSingleton(material);
            var validator = time is null ? null : new CertificateValidator(() => material.TrustedCas, time);
            builder.Services.AddSingleton(sp => validator ?? new CertificateValidator(() => material.TrustedCas, sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddSingleton<IClusterPeerAuthenticator>(sp =>
            {
                var log = sp.GetRequiredService<SecurityLog>();
                return new CertificateClusterPeers(sp.GetRequiredService<CertificateValidator>(), (remote, reason, code) => log.Failed("cluster", remote, reason, code));
            });
            nodeTls = new NodeTls(material, validator ?? new CertificateValidator(() => material.TrustedCas, TimeProvider.System));
            builder.Services.AddSingleton(sp => validator is null ? new NodeTls(material, sp.GetRequiredService<CertificateValidator>()) : nodeTls);
            builder.WebHost.UseKestrelHttpsConfiguration(); // the slim builder leaves HTTPS out until asked
            // The chain is checked per request against the current cluster CA (ApiAuthentication, CertificateClusterPeers).
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(https =>
                ClusterTls.ConfigureServer(https, () => material.ServerCertificate, ClientCertificateMode.AllowCertificate)));
        }

        builder.Services.AddSingleton(sp => new ApiAuthentication(options, sp.GetRequiredService<TokenStore>(), sp.GetService<CertificateValidator>(), sp.GetRequiredService<SecurityLog>()));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                options.RateLimitPermits > 0 && !options.Insecure && context.Items[ApiAuthentication.PrincipalItem] is AuthenticatedPrincipal principal
                    ? RateLimitPartition.GetFixedWindowLimiter(principal.Name, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.RateLimitPermits,
                        Window = options.RateLimitWindow,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.RateLimitWindow;
                var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var name = (http.Items[ApiAuthentication.PrincipalItem] as AuthenticatedPrincipal)?.Name ?? "unknown";
                http.RequestServices.GetRequiredService<SecurityLog>().RateLimited(http.Connection.RemoteIpAddress?.ToString(), name);
                await Problems.Of(StatusCodes.Status429TooManyRequests, "RateLimited",
                    $"principal '{name}' made more than {options.RateLimitPermits} requests in {options.RateLimitWindow}; retry after {seconds} s").ExecuteAsync(http);
            };
        });
        return nodeTls;
    }

    /// <summary>Adds routing, authentication and authorization, and the rate limiter, in that order (before the endpoints run).</summary>
    public static void UseNodeSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<SecurityOptions>();
        var log = app.Services.GetRequiredService<SecurityLog>();
        if (options.Insecure)
        {
            log.InsecureMode(app.Services.GetRequiredService<NodeOptions>().Urls);
        }
        else
        {
            var certificate = app.Services.GetRequiredService<TlsMaterial>().ServerCertificate;
            log.CertificateLoaded(certificate.Subject, certificate.NotAfter.ToUniversalTime());
        }

        var authentication = app.Services.GetRequiredService<ApiAuthentication>();
        app.UseRouting();
        app.Use(next => context => authentication.InvokeAsync(context, next));
        app.UseRateLimiter();
    }
}

/// <summary>
/// The node's TLS material for outgoing cluster calls: <see cref="ClusterClientOptions"/> presents the current node
/// certificate and accepts only servers whose certificate chains to the cluster CA and names a node on the host called
/// (null when insecure). <see cref="RefuseClusterIdentity"/> binds the node's advertised endpoint to its certificate.
/// </summary>
public sealed class NodeTls(TlsMaterial? material, CertificateValidator? validator)
{
    /// <summary>True when the node talks TLS (not insecure mode).</summary>
    public bool Enabled => material is not null && validator is not null;

    /// <summary>Signs and checks membership rows with the node certificate; null in insecure mode (rows are not attested).</summary>
    public IMemberAttestor? CreateMemberAttestor(TimeProvider time) =>
        material is null || validator is null ? null : new CertificateMemberAttestor(material, validator, time);

    /// <summary>The node certificate presented now (re-read when its files change), or null in insecure mode.</summary>
    public object? CurrentCertificate() => material?.ServerCertificate;

    /// <summary>Options for <see cref="HttpClusterTransport.CreateHttpClient(SslClientAuthenticationOptions?, TimeSpan?)"/>, or null in insecure mode.</summary>
    public SslClientAuthenticationOptions? ClusterClientOptions =>
        material is null || validator is null ? null : ClusterTls.ClientOptions(() => material.ServerCertificate, validator);

    /// <summary>
    /// Null when this node's own certificate is valid now (chains to the trusted cluster CA, not expired) and names the
    /// endpoint it advertises (<c>host:port</c>, or just the host), else why the node must not join. Every membership
    /// row and lease this node writes carries that endpoint, so its incarnation is bound to the certificate identity.
    /// </summary>
    public string? RefuseClusterIdentity(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (material is null || validator is null)
        {
            return null;
        }

        var certificate = material.ServerCertificate;
        if (validator.Check(certificate) is { } problem)
        {
            return $"this node's certificate '{certificate.Subject}' (actortrust.security.tls.cert-file) cannot join the cluster: {problem}";
        }

        var identity = PeerIdentity.Of(certificate);
        var endpoint = $"{host}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return identity.MayPresent($"{endpoint}:1")
            ? null
            : $"this node advertises '{endpoint}' (actortrust.cluster.advertise-host and the port of actortrust.cluster.listen) but its certificate names "
              + (identity.NodeId is null ? "no node" : $"node '{identity.NodeId}'")
              + ": issue the node certificate with `actortrust cert create-node --node-id " + endpoint + "` or fix the advertised address";
    }
}
