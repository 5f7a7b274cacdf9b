using System.Globalization;
using System.Text;

namespace ActorTrust.Runtime.Cluster;

/// <summary>
/// A node's proof that it wrote its own membership row: a signature, by the private key of its node certificate, over
/// <see cref="Content"/> (the node id with its incarnation, and the address), and that certificate (DER). Other nodes
/// count the row only when the certificate chains to the cluster CA, names the node, and the signature verifies.
/// The incarnation is the node's start time (Unix ms), so it also stands for when the node joined.
/// </summary>
/// <param name="Certificate">The signer's node certificate, DER.</param>
/// <param name="Signature">The signature over <see cref="Content"/>.</param>
public sealed record MemberAttestation(byte[] Certificate, byte[] Signature)
{
    /// <summary>The exact bytes signed for <paramref name="node"/> at <paramref name="address"/>.</summary>
    public static byte[] Content(NodeId node, string address)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(address);
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"actortrust-member-attestation-v1\n{node.Endpoint}\n{node.Incarnation}\n{address}"));
    }
}

/// <summary>Signs this node's membership rows and checks everybody's (implemented with the node certificate in secure mode).</summary>
public interface IMemberAttestor
{
    /// <summary>An attestation of <paramref name="node"/> at <paramref name="address"/> with the current node certificate.</summary>
    MemberAttestation Attest(NodeId node, string address);

    /// <summary>Null when <paramref name="row"/>'s attestation holds; else why the row is not counted as a member.</summary>
    string? Refuse(MemberRow row);

    /// <summary>True when <paramref name="attestation"/> was made with the node certificate in use now (false after a rotation).</summary>
    bool IsCurrent(MemberAttestation attestation);
}
