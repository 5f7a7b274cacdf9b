using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorTrust.Runtime.Cluster.Security;

/// <summary>
/// The X.509 work of the cluster certificate authority (ECDSA P-256): the self-signed CA, node certificates
/// (server and client use) naming <c>actortrust://node/&lt;node-id&gt;</c> plus DNS/IP SANs, and any other leaf the
/// caller describes by its URI SANs. Also loads PEM pairs and CA bundles, and reads a certificate's URI SANs.
/// The node's <c>cert</c> commands and the multi-node TestKit both mint through here.
/// </summary>
public static class ClusterCertificates
{
    /// <summary>The extended key usage OID for TLS servers.</summary>
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>The extended key usage OID for TLS clients.</summary>
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>The URI scheme of every identity SAN.</summary>
    public const string Scheme = "actortrust";

    /// <summary><c>actortrust://node/&lt;id&gt;</c>.</summary>
    public static string NodeUri(string nodeId) => $"{Scheme}://node/{Uri.EscapeDataString(nodeId)}";

    /// <summary>Creates a self-signed CA valid from <paramref name="now"/> for <paramref name="validity"/>.</summary>
    public static X509Certificate2 CreateCa(string name, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={Escape(name)}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now + validity);
    }

    /// <summary>Creates a node certificate (server and client use) naming <paramref name="nodeId"/> and <paramref name="hosts"/>, signed by <paramref name="ca"/>.</summary>
    public static X509Certificate2 CreateNode(X509Certificate2 ca, string nodeId, IEnumerable<string> hosts, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentNullException.ThrowIfNull(hosts);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddUri(new Uri(NodeUri(nodeId)));
        var any = false;
        foreach (var host in hosts)
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                sans.AddIpAddress(ip);
            }
            else
            {
                sans.AddDnsName(host);
            }

            any = true;
        }

        if (!any)
        {
            throw new ArgumentException("a node certificate needs at least one --host or --ip");
        }

        return Issue(ca, nodeId, [.. sans.Build().RawData], [ServerAuth, ClientAuth], now, validity);
    }

    /// <summary>Creates a client-use certificate with common name <paramref name="commonName"/> and the URI SANs <paramref name="uris"/>, signed by <paramref name="ca"/>.</summary>
    public static X509Certificate2 CreateClient(X509Certificate2 ca, string commonName, IEnumerable<string> uris, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        ArgumentNullException.ThrowIfNull(uris);
        var sans = new SubjectAlternativeNameBuilder();
        foreach (var uri in uris)
        {
            sans.AddUri(new Uri(uri));
        }

        return Issue(ca, commonName, [.. sans.Build().RawData], [ClientAuth], now, validity);
    }

    /// <summary>Loads a certificate with its private key from PEM files, in a form TLS can use on every platform.</summary>
    public static X509Certificate2 LoadPair(string certFile, string keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        return Portable(pem);
    }

    /// <summary>A copy of <paramref name="certificate"/> and its private key that TLS can use on every platform (an ephemeral key is not enough everywhere).</summary>
    public static X509Certificate2 Portable(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Loads every certificate in a PEM bundle (the trusted cluster CAs).</summary>
    public static X509Certificate2Collection LoadBundle(string file)
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(file);
        return bundle.Count > 0 ? bundle : throw new InvalidDataException($"{file} holds no certificate");
    }

    /// <summary>The URI SANs of <paramref name="certificate"/> (none when it has no SAN extension or a malformed one).</summary>
    public static IReadOnlyList<string> UriSans(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions["2.5.29.17"];
        if (extension is null)
        {
            return [];
        }

        var uris = new List<string>();
        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (reader.HasData)
            {
                if (reader.PeekTag() == uriTag)
                {
                    uris.Add(reader.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
                }
                else
                {
                    reader.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            return [];
        }

        return uris;
    }

    /// <summary>The identity URIs of <paramref name="certificate"/> as (kind, value) pairs: <c>actortrust://node/a</c> is ("node", "a").</summary>
    public static IEnumerable<(string Kind, string Value)> Identities(X509Certificate2 certificate)
    {
        foreach (var uri in UriSans(certificate))
        {
            if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme == Scheme)
            {
                yield return (parsed.Host, Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/')));
            }
        }
    }

    /// <summary>The node id <paramref name="certificate"/> names, or null when it names none.</summary>
    public static string? NodeIdOf(X509Certificate2 certificate) =>
        Identities(certificate).Where(i => i.Kind == "node").Select(i => i.Value).LastOrDefault();

    private static X509Certificate2 Issue(X509Certificate2 ca, string commonName, byte[] sanExtension, string[] usages, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(ca);
        using var caKey = ca.GetECDsaPrivateKey() ?? throw new ArgumentException("the CA certificate has no ECDSA private key");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={Escape(commonName)}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var oids = new OidCollection();
        foreach (var usage in usages)
        {
            oids.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        request.CertificateExtensions.Add(new X509Extension("2.5.29.17", sanExtension, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var notAfter = now + validity < ca.NotAfter ? now + validity : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    private static string Escape(string value) => value.Replace("\"", string.Empty, StringComparison.Ordinal).Replace(",", " ", StringComparison.Ordinal).Replace("=", " ", StringComparison.Ordinal);
}
