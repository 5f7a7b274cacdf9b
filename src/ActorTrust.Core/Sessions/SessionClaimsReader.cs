using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Sessions;

/// <summary>Strict reading of session-claims payloads, and a peek at the nonce for a node's nonce ledger.</summary>
public static class SessionClaimsReader
{
    /// <summary>
    /// Reads claims from exactly the (verified) payload bytes: canonical JSON, schema <see cref="SessionClaims.SchemaV1"/>,
    /// strict binding and every rule of <see cref="SessionClaims.Validate"/>. Returns null with <paramref name="error"/> otherwise.
    /// </summary>
    public static SessionClaims? Read(ReadOnlySpan<byte> payload, out string? error)
    {
        var claims = SchemaDocument.Read<SessionClaims>(payload, SessionClaims.SchemaV1, out error);
        error ??= claims?.Validate();
        return error is null ? claims : null;
    }

    /// <summary>
    /// Reads the nonce of a claims envelope WITHOUT verifying it, so a node can reserve the nonce in its ledger
    /// atomically before admission (see <see cref="OpenSession.SeenNonces"/>). Never trust anything else read this way.
    /// </summary>
    /// <param name="envelopeJson">The claims envelope as DSSE JSON text.</param>
    /// <param name="nonce">The nonce, when the envelope and payload carry a well-formed one.</param>
    public static bool TryPeekNonce(string envelopeJson, [NotNullWhen(true)] out string? nonce)
    {
        ArgumentNullException.ThrowIfNull(envelopeJson);
        nonce = null;
        try
        {
            var envelope = EnvelopeJson.Parse(Encoding.UTF8.GetBytes(envelopeJson));
            if (CanonicalJson.Parse(envelope.Payload) is JsonObject obj && obj["nonce"] is JsonValue value
                && value.TryGetValue<string>(out var text) && SessionClaims.IsValidNonce(text))
            {
                nonce = text;
            }
        }
        catch (FormatException)
        {
            // Unreadable: there is no nonce to reserve; admission will find the claims invalid.
        }

        return nonce is not null;
    }
}
