using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorTrust.Runtime.Cluster;
using ActorTrust.Runtime.Cluster.Security;

namespace ActorTrust.Node.Security;

/// <summary>
/// Membership attestation with the node certificate (ECDSA P-256, SHA-256, IEEE P1363 signatures): this node signs
/// its rows with the key of <see cref="TlsMaterial.ServerCertificate"/>; a row is counted when its certificate chains
/// to the cluster CA and is valid now (<see cref="CertificateValidator"/>), names the row's node
/// (<see cref="PeerIdentity.MayPresent"/>), and the signature verifies over <see cref="MemberAttestation.Content"/>.
/// A verdict is remembered for a minute, so re-reading the table does not rebuild chains each time.
/// </summary>
public sealed class CertificateMemberAttestor(TlsMaterial material, CertificateValidator validator, TimeProvider time) : IMemberAttestor
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (string? Refusal, DateTimeOffset CheckedAt)> _verdicts = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public MemberAttestation Attest(NodeId node, string address)
    {
        var certificate = material.ServerCertificate;
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the node certificate has no ECDSA private key: membership rows cannot be attested");
        return new MemberAttestation(certificate.RawData, key.SignData(MemberAttestation.Content(node, address), HashAlgorithmName.SHA256));
    }

    /// <inheritdoc />
    public bool IsCurrent(MemberAttestation attestation)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        return attestation.Certificate.AsSpan().SequenceEqual(material.ServerCertificate.RawData);
    }

    /// <inheritdoc />
    public string? Refuse(MemberRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Attestation is not { } attestation)
        {
            return "the row carries no attestation";
        }

        var content = MemberAttestation.Content(row.Node, row.Address);
        var key = Convert.ToHexString(SHA256.HashData([.. content, .. attestation.Certificate, .. attestation.Signature]));
        var now = time.GetUtcNow();
        if (_verdicts.TryGetValue(key, out var known) && now - known.CheckedAt < Remember && now >= known.CheckedAt)
        {
            return known.Refusal;
        }

        var refusal = Check(row, content, attestation);
        if (_verdicts.Count > 10_000)
        {
            _verdicts.Clear(); // rows are few; a flood of forged ones must not grow this without bound
        }

        _verdicts[key] = (refusal, now);
        return refusal;
    }

    private string? Check(MemberRow row, byte[] content, MemberAttestation attestation)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(attestation.Certificate);
        }
        catch (CryptographicException)
        {
            return "the attestation certificate is not a DER certificate";
        }

        using (certificate)
        {
            if (validator.Check(certificate) is { } problem)
            {
                return $"the attestation certificate '{certificate.Subject}': {problem}";
            }

            if (!PeerIdentity.Of(certificate).MayPresent(row.Node.ToString()))
            {
                return $"the attestation certificate '{certificate.Subject}' does not name node {row.Node.Endpoint}";
            }

            using var key = certificate.GetECDsaPublicKey();
            if (key is null)
            {
                return "the attestation certificate has no ECDSA key";
            }

            return key.VerifyData(content, attestation.Signature, HashAlgorithmName.SHA256)
                ? null
                : "the signature does not match the row (node, incarnation and address)";
        }
    }
}
