using System.Security.Cryptography.X509Certificates;

namespace ActorTrust.Node.Security;

/// <summary>
/// The node's certificate, key and trusted CAs, re-read when any of the files changes (size or write time), so
/// rotating certificates needs no restart: each new TLS connection asks for <see cref="ServerCertificate"/> and gets the
/// current one; connections already open keep theirs. A rotation caught half-written keeps the previous material.
/// </summary>
public sealed class TlsMaterial(SecurityOptions options)
{
    private readonly Lock _gate = new();
    private Stamp _stamp;
    private X509Certificate2? _certificate;
    private X509Certificate2Collection _cas = [];

    /// <summary>Raised after a successful reload (tests and logs).</summary>
    public event Action<X509Certificate2>? Reloaded;

    /// <summary>The current server (and node client) certificate with its private key.</summary>
    public X509Certificate2 ServerCertificate
    {
        get
        {
            Refresh();
            return _certificate!;
        }
    }

    /// <summary>The current trusted CA certificates.</summary>
    public X509Certificate2Collection TrustedCas
    {
        get
        {
            Refresh();
            return _cas;
        }
    }

    /// <summary>Loads the files now; throws when they cannot be read (at start).</summary>
    public void Load()
    {
        lock (_gate)
        {
            LoadLocked(StampNow());
        }
    }

    private void Refresh()
    {
        var stamp = StampNow();
        lock (_gate)
        {
            if (stamp == _stamp && _certificate is not null)
            {
                return;
            }

            try
            {
                LoadLocked(stamp);
            }
            catch (Exception ex) when (_certificate is not null && ex is IOException or System.Security.Cryptography.CryptographicException or ArgumentException or InvalidDataException)
            {
                // Files caught mid-rotation: keep serving the previous certificate and retry on the next connection.
            }
        }
    }

    private void LoadLocked(Stamp stamp)
    {
        var certificate = ClusterCa.LoadPair(options.CertFile, options.KeyFile);
        var cas = ClusterCa.LoadBundle(options.CaFile);
        _certificate = certificate;
        _cas = cas;
        _stamp = stamp;
        Reloaded?.Invoke(certificate);
    }

    private Stamp StampNow() => new(Of(options.CertFile), Of(options.KeyFile), Of(options.CaFile));

    private static (DateTime, long) Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    private readonly record struct Stamp((DateTime, long) Cert, (DateTime, long) Key, (DateTime, long) Ca);
}
