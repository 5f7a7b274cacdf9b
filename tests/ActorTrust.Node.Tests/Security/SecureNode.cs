using System.Security.Cryptography.X509Certificates;
using ActorTrust.Client;
using ActorTrust.Node.Hosting;
using ActorTrust.Node.Security;
using Microsoft.AspNetCore.Builder;

namespace ActorTrust.Node.Tests.Security;

/// <summary>A real node with TLS 1.3 on 127.0.0.1 (ephemeral port), certificates from <see cref="Pki"/>, a tokens file and a manual clock.</summary>
internal sealed class SecureNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SecureNode(WebApplication app, Pki pki, string dataDir, string nodeDir, ManualClock clock)
    {
        _app = app;
        Pki = pki;
        DataDir = dataDir;
        NodeDir = nodeDir;
        Clock = clock;
        Address = new Uri(app.Urls.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    public Pki Pki { get; }

    public string DataDir { get; }

    public string NodeDir { get; }

    public ManualClock Clock { get; }

    public Uri Address { get; }

    public string TokensFile => Path.Combine(DataDir, "tokens.json");

    public WebApplication App => _app;

    public static async Task<SecureNode> StartAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds())); // real "now": the TLS stack checks certificate validity against the real clock
        var pki = new Pki(clock.GetUtcNow());
        var nodeDir = pki.Node("node", "127.0.0.1");
        var dataDir = Path.Combine(pki.Dir, "data");
        var settings = NodeSettings.Load(null, new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>())
        {
            ["actortrust:node:urls"] = "https://127.0.0.1:0",
            ["actortrust:node:data-dir"] = dataDir,
            ["actortrust:security:tls:ca-file"] = pki.CaFile,
            ["actortrust:security:tls:cert-file"] = Path.Combine(nodeDir, ClusterCa.CertFile),
            ["actortrust:security:tls:key-file"] = Path.Combine(nodeDir, ClusterCa.KeyFile),
        });
        var app = await NodeHost.BuildAsync(settings, clock);
        await app.StartAsync();
        return new SecureNode(app, pki, dataDir, nodeDir, clock);
    }

    /// <summary>Issues a bearer token in the node's tokens file and returns the secret.</summary>
    public string Token(string principal, ApiRole role, TimeSpan? lifetime = null) =>
        TokenFile.Create(TokensFile, principal, role, Clock.GetUtcNow(), lifetime is { } l ? Clock.GetUtcNow() + l : null).Secret;

    /// <summary>An HTTP client trusting the test CA, with the given credentials.</summary>
    public HttpClient Http(string? token = null, X509Certificate2? certificate = null) =>
        new ActorTrustCredentials { BearerToken = token, ClientCertificate = certificate, TrustedCas = [Pki.Ca] }.CreateHttpClient(Address, TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Pki.Dispose();
    }
}
