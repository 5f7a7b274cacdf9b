using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorTrust.Node.Security;

/// <summary>
/// The cluster certificate authority: creates the CA, node certificates and client certificates (ECDSA P-256, PEM).
/// Identities travel as URI SANs: a node certificate names <c>actortrust://node/&lt;node-id&gt;</c> (plus DNS/IP SANs for
/// its host), a client certificate names <c>actortrust://principal/&lt;principal&gt;</c> and its API role as
/// <c>actortrust://role/&lt;reader|operator|admin&gt;</c>. Private keys are written with mode 0600.
/// </summary>
public static class ClusterCa
{
    /// <summary>File names inside an output directory.</summary>
    public const string CertFile = "cert.pem";

    /// <summary>The private key file (PKCS#8 PEM, mode 0600).</summary>
    public const string KeyFile = "key.pem";

    /// <summary>The CA certificate copied next to node and client certificates.</summary>
    public const string CaFile = "ca.pem";

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

    /// <summary>Creates a node certificate (server and client use) signed by <paramref name="ca"/>.</summary>
    public static X509Certificate2 CreateNode(X509Certificate2 ca, string nodeId, IEnumerable<string> hosts, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentNullException.ThrowIfNull(hosts);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddUri(new Uri(PeerIdentity.NodeUri(nodeId)));
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

        return Issue(ca, $"CN={Escape(nodeId)}", sans, [Oids.ServerAuth, Oids.ClientAuth], now, validity);
    }

    /// <summary>Creates a client certificate for <paramref name="principal"/> with <paramref name="role"/>, signed by <paramref name="ca"/>.</summary>
    public static X509Certificate2 CreateClient(X509Certificate2 ca, string principal, ApiRole role, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        if (role == ApiRole.None)
        {
            throw new ArgumentException("a client certificate needs a role: reader, operator or admin");
        }

        var sans = new SubjectAlternativeNameBuilder();
        sans.AddUri(new Uri(PeerIdentity.PrincipalUri(principal)));
        sans.AddUri(new Uri(PeerIdentity.RoleUri(role)));
        return Issue(ca, $"CN={Escape(principal)}", sans, [Oids.ClientAuth], now, validity);
    }

    /// <summary>Writes <paramref name="certificate"/> (and its private key, mode 0600) and the CA certificate into <paramref name="directory"/>.</summary>
    public static void Write(string directory, X509Certificate2 certificate, X509Certificate2? ca = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Directory.CreateDirectory(directory);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("the certificate has no ECDSA private key");
        WriteSecret(Path.Combine(directory, KeyFile), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(directory, CertFile), certificate.ExportCertificatePem() + "\n");
        if (ca is not null)
        {
            File.WriteAllText(Path.Combine(directory, CaFile), ca.ExportCertificatePem() + "\n");
        }
    }

    /// <summary>Reads <c>cert.pem</c> and <c>key.pem</c> from <paramref name="directory"/> (a CA or any issued certificate).</summary>
    public static X509Certificate2 Read(string directory) =>
        LoadPair(Path.Combine(directory, CertFile), Path.Combine(directory, KeyFile));

    /// <summary>Loads a certificate with its private key from PEM files, in a form TLS can use on every platform.</summary>
    public static X509Certificate2 LoadPair(string certFile, string keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Loads every certificate in a PEM bundle (the trusted cluster CAs).</summary>
    public static X509Certificate2Collection LoadBundle(string file)
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(file);
        return bundle.Count > 0 ? bundle : throw new InvalidDataException($"{file} holds no certificate");
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, SubjectAlternativeNameBuilder sans, string[] usages, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(ca);
        using var caKey = ca.GetECDsaPrivateKey() ?? throw new ArgumentException("the CA certificate has no ECDSA private key");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName(subject), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var oids = new OidCollection();
        foreach (var usage in usages)
        {
            oids.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        request.CertificateExtensions.Add(sans.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var notAfter = now + validity < ca.NotAfter ? now + validity : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    private static void WriteSecret(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
            writer.Write('\n');
        }

        if (!OperatingSystem.IsWindows())
        {
            // An existing file keeps its old mode on open: tighten it explicitly.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string Escape(string value) => value.Replace("\"", string.Empty, StringComparison.Ordinal).Replace(",", " ", StringComparison.Ordinal).Replace("=", " ", StringComparison.Ordinal);

    private static class Oids
    {
        public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
        public const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    }
}
