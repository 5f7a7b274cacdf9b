using System.Security.Cryptography.X509Certificates;

namespace ActorTrust.Runtime.Cluster.Security;

/// <summary>
/// Checks that a presented certificate chains to one of the trusted cluster CAs and is valid at the node's current
/// time (<see cref="TimeProvider"/>, so expiry is testable); revocation is by CA rotation and short validity.
/// </summary>
public sealed class CertificateValidator(Func<X509Certificate2Collection> trustedCas, TimeProvider time)
{
    /// <summary>Null when <paramref name="certificate"/> is acceptable, else the reason it is not.</summary>
    public string? Check(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var now = time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime())
        {
            return "certificate not yet valid";
        }

        if (now > certificate.NotAfter.ToUniversalTime())
        {
            return "certificate expired";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustedCas());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (!chain.Build(certificate))
        {
            var status = chain.ChainStatus.Length > 0 ? chain.ChainStatus[0].Status.ToString() : "unknown";
            return $"certificate does not chain to the cluster CA ({status})";
        }

        return null;
    }
}
