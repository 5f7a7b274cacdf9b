using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ActorTrust.Client;

/// <summary>
/// How a client proves who it is to a secure node and how it recognises the node: a bearer token and/or a client
/// certificate from the cluster CA, and the cluster CA certificates the node's server certificate must chain to.
/// </summary>
public sealed record ActorTrustCredentials
{
    /// <summary>A bearer token (<c>actortrust token create</c>); sent as <c>Authorization: Bearer …</c>.</summary>
    public string? BearerToken { get; init; }

    /// <summary>A client certificate with its private key (<c>actortrust cert create-client</c>).</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The cluster CA certificates; when set, the node's certificate must chain to one of them (and match the host).</summary>
    public X509Certificate2Collection? TrustedCas { get; init; }

    /// <summary>Loads credentials from PEM files; any argument may be null.</summary>
    /// <param name="bearerToken">A bearer token.</param>
    /// <param name="certFile">The client certificate (PEM); needs <paramref name="keyFile"/>.</param>
    /// <param name="keyFile">The client certificate's private key (PEM).</param>
    /// <param name="caFile">The cluster CA bundle (PEM).</param>
    public static ActorTrustCredentials FromFiles(string? bearerToken, string? certFile, string? keyFile, string? caFile)
    {
        if ((certFile is null) != (keyFile is null))
        {
            throw new ArgumentException("a client certificate needs both --cert and --key");
        }

        X509Certificate2? certificate = null;
        if (certFile is not null)
        {
            using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }

        X509Certificate2Collection? cas = null;
        if (caFile is not null)
        {
            cas = [];
            cas.ImportFromPemFile(caFile);
        }

        return new ActorTrustCredentials { BearerToken = bearerToken, ClientCertificate = certificate, TrustedCas = cas };
    }

    /// <summary>
    /// An <see cref="HttpClient"/> for <paramref name="baseAddress"/> that presents these credentials and, when
    /// <see cref="TrustedCas"/> is set, accepts only a node certificate that chains to them and names the host.
    /// </summary>
    public HttpClient CreateHttpClient(Uri baseAddress, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var handler = new SocketsHttpHandler();
        if (ClientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [ClientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => ClientCertificate;
        }

        if (TrustedCas is { Count: > 0 } cas)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => ChainsTo(certificate, errors, cas);
        }

        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        if (BearerToken is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    // The record's ToString must never print the token.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"BearerToken = {(BearerToken is null ? "null" : "<redacted>")}, ClientCertificate = {ClientCertificate?.Subject ?? "null"}, TrustedCas = {TrustedCas?.Count ?? 0}");
        return true;
    }

    private static bool ChainsTo(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection cas)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(cas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}
