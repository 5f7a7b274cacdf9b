using System.Text;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Agents;

/// <summary>Envelope text handling shared by the agent decisions.</summary>
internal static class AgentEnvelopes
{
    /// <summary>The payload digest of the envelope in <paramref name="text"/>, or null when it cannot be read.</summary>
    internal static Digest? PayloadDigest(string text)
    {
        try
        {
            return Digest.Sha256(EnvelopeJson.Parse(Encoding.UTF8.GetBytes(text)).Payload);
        }
        catch (EnvelopeException)
        {
            return null;
        }
    }

    /// <summary>The envelope as canonical DSSE JSON text, as events store it.</summary>
    internal static string ToText(Envelope envelope) => Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope));
}
