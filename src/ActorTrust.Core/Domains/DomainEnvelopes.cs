using System.Diagnostics.CodeAnalysis;
using System.Text;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Envelopes;

namespace ActorTrust.Core.Domains;

/// <summary>Reading and root-verifying the envelopes that carry Domain Authority Manifests.</summary>
internal static class DomainEnvelopes
{
    /// <summary>Reads the DSSE JSON text of a command.</summary>
    internal static bool TryRead(string text, [NotNullWhen(true)] out Envelope? envelope, [NotNullWhen(false)] out Rejection? rejection)
    {
        envelope = null;
        rejection = null;
        try
        {
            envelope = EnvelopeJson.Parse(Encoding.UTF8.GetBytes(text));
            return true;
        }
        catch (EnvelopeException ex)
        {
            rejection = new Rejection(DomainRejectionCodes.EnvelopeMalformed, ex.Message);
            return false;
        }
    }

    /// <summary>Verifies <paramref name="envelope"/> against the root keys and threshold of <paramref name="roots"/>.</summary>
    internal static EnvelopeVerdict VerifyRoots(Envelope envelope, DomainAuthorityManifest roots) =>
        EnvelopeVerifier.Verify(envelope, new TrustPolicy(roots.RootPublicKeys(), roots.RootThreshold, [PayloadTypes.AuthorityManifest]));

    /// <summary>The envelope as canonical DSSE JSON text, as events store it.</summary>
    internal static string ToText(Envelope envelope) => Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope));
}
