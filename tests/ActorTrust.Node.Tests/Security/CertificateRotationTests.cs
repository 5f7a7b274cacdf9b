using System.Net;
using System.Security.Cryptography.X509Certificates;
using ActorTrust.Node.Security;

namespace ActorTrust.Node.Tests.Security;

/// <summary>Rotating the node certificate files needs no restart: new connections get the new certificate.</summary>
public sealed class CertificateRotationTests
{
    [Fact]
    public async Task Rotating_the_certificate_files_keeps_serving_and_new_connections_use_the_new_certificate()
    {
        await using var node = await SecureNode.StartAsync();
        var token = node.Token("watcher", ApiRole.Reader);
        var before = await ServerCertificateAsync(node, token);

        // Issue a fresh node certificate (new key) and overwrite the files the node was started with.
        var rotated = node.Pki.Node("rotated", "127.0.0.1");
        File.Copy(Path.Combine(rotated, ClusterCa.KeyFile), Path.Combine(node.NodeDir, ClusterCa.KeyFile), overwrite: true);
        File.Copy(Path.Combine(rotated, ClusterCa.CertFile), Path.Combine(node.NodeDir, ClusterCa.CertFile), overwrite: true);
        var expected = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(rotated, ClusterCa.CertFile)).Thumbprint;
        var after = await ServerCertificateAsync(node, token);

        before.ShouldNotBe(expected);
        after.ShouldBe(expected);
    }

    // A new HttpClient means a new TLS connection; the callback records the certificate the server presented.
    private static async Task<string> ServerCertificateAsync(SecureNode node, string token)
    {
        string? thumbprint = null;
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            thumbprint = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()).Thumbprint;
            return true;
        };
        using var http = new HttpClient(handler) { BaseAddress = node.Address };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync(new Uri("v1/events", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return thumbprint.ShouldNotBeNull();
    }
}
