using System.Security.Cryptography.X509Certificates;
using ActorTrust.Runtime.Cluster.Security;

namespace ActorTrust.Node.Security;

/// <summary>
/// The cluster certificate authority (the X.509 work is <see cref="ClusterCertificates"/>, shared with the multi-node
/// TestKit): creates the CA, node certificates and client certificates (ECDSA P-256, PEM).
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
    public static X509Certificate2 CreateCa(string name, DateTimeOffset now, TimeSpan validity) =>
        ClusterCertificates.CreateCa(name, now, validity);

    /// <summary>Creates a node certificate (server and client use) signed by <paramref name="ca"/>.</summary>
    public static X509Certificate2 CreateNode(X509Certificate2 ca, string nodeId, IEnumerable<string> hosts, DateTimeOffset now, TimeSpan validity) =>
        ClusterCertificates.CreateNode(ca, nodeId, hosts, now, validity);

    /// <summary>Creates a client certificate for <paramref name="principal"/> with <paramref name="role"/>, signed by <paramref name="ca"/>.</summary>
    public static X509Certificate2 CreateClient(X509Certificate2 ca, string principal, ApiRole role, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        if (role == ApiRole.None)
        {
            throw new ArgumentException("a client certificate needs a role: reader, operator or admin");
        }

        return ClusterCertificates.CreateClient(ca, principal, [PeerIdentity.PrincipalUri(principal), PeerIdentity.RoleUri(role)], now, validity);
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
    public static X509Certificate2 LoadPair(string certFile, string keyFile) => ClusterCertificates.LoadPair(certFile, keyFile);

    /// <summary>Loads every certificate in a PEM bundle (the trusted cluster CAs).</summary>
    public static X509Certificate2Collection LoadBundle(string file) => ClusterCertificates.LoadBundle(file);

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
}
