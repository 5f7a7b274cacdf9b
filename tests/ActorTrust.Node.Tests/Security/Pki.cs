using System.Security.Cryptography.X509Certificates;
using ActorTrust.Node.Security;

namespace ActorTrust.Node.Tests.Security;

/// <summary>A throw-away cluster CA in a temp directory, issuing node and client certificates as PEM files.</summary>
internal sealed class Pki : IDisposable
{
    public Pki(DateTimeOffset now, string name = "Test CA")
    {
        Now = now;
        Dir = Path.Combine(Path.GetTempPath(), "actortrust-pki-" + Guid.NewGuid().ToString("N"));
        Ca = ClusterCa.CreateCa(name, now, TimeSpan.FromDays(365));
        ClusterCa.Write(Path.Combine(Dir, "ca"), Ca);
    }

    public DateTimeOffset Now { get; }

    public string Dir { get; }

    public X509Certificate2 Ca { get; }

    public string CaFile => Path.Combine(Dir, "ca", ClusterCa.CertFile);

    /// <summary>Issues a node certificate for 127.0.0.1 into <c>Dir/name</c>; returns the directory.</summary>
    public string Node(string name, string nodeId, DateTimeOffset? issuedAt = null, TimeSpan? validity = null)
    {
        using var cert = ClusterCa.CreateNode(Ca, nodeId, ["127.0.0.1", "localhost"], issuedAt ?? Now, validity ?? TimeSpan.FromDays(30));
        var dir = Path.Combine(Dir, name);
        ClusterCa.Write(dir, cert, Ca);
        return dir;
    }

    /// <summary>Issues a client certificate and returns it with its key.</summary>
    public X509Certificate2 Client(string principal, ApiRole role, DateTimeOffset? issuedAt = null, TimeSpan? validity = null) =>
        ClusterCa.CreateClient(Ca, principal, role, issuedAt ?? Now, validity ?? TimeSpan.FromDays(30));

    public void Dispose()
    {
        Ca.Dispose();
        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }
}
