using System.Text;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Receipts;

/// <summary>Signs execution receipts and certification statements, for executors', publishers' and auditors' tooling (CLI) and tests.</summary>
public static class CertificationSigning
{
    /// <summary>Signs <paramref name="receipt"/> as an <see cref="PayloadTypes.ExecutionReceipt"/> envelope over its canonical bytes.</summary>
    public static Envelope SignReceipt(ExecutionReceipt receipt, params IReadOnlyList<IEnvelopeSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return Envelope.Sign(PayloadTypes.ExecutionReceipt, ActorTrustJson.ToCanonicalBytes(receipt), signers);
    }

    /// <summary>Signs <paramref name="receipt"/> and returns the envelope as DSSE JSON text.</summary>
    public static string SignReceiptToJson(ExecutionReceipt receipt, params IReadOnlyList<IEnvelopeSigner> signers) => ToText(SignReceipt(receipt, signers));

    /// <summary>The canonical JSON text of an unsigned (informational) receipt.</summary>
    public static string UnsignedReceiptJson(ExecutionReceipt receipt) => Encoding.UTF8.GetString(ActorTrustJson.ToCanonicalBytes(receipt));

    /// <summary>Signs <paramref name="statement"/> under its kind's payload type over its canonical bytes.</summary>
    public static Envelope SignStatement(CertificationStatement statement, params IReadOnlyList<IEnvelopeSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return Envelope.Sign(CertificationStatement.PayloadTypeOf(statement.Kind), ActorTrustJson.ToCanonicalBytes(statement), signers);
    }

    /// <summary>Signs <paramref name="statement"/> and returns the envelope as DSSE JSON text.</summary>
    public static string SignStatementToJson(CertificationStatement statement, params IReadOnlyList<IEnvelopeSigner> signers) => ToText(SignStatement(statement, signers));

    internal static string ToText(Envelope envelope) => Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope));
}
