using System.Diagnostics.CodeAnalysis;
using System.Text;
using ActorTrust.Core.Crypto;

namespace ActorTrust.Core.Keys;

/// <summary>
/// Public keys written in documents and events as 64 lowercase hex characters. Reading refuses other
/// case, other lengths and keys unfit for registration (small-order, non-canonical, off the subgroup).
/// </summary>
internal static class PublicKeyHex
{
    /// <summary>Reads a key that is to be trusted; on failure <paramref name="error"/> says why.</summary>
    internal static bool TryParseForRegistration(
        string? hex,
        string field,
        [NotNullWhen(true)] out Ed25519PublicKey? key,
        [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (hex is null)
        {
            error = $"{field} is missing";
            return false;
        }

        Span<byte> bytes = stackalloc byte[Ed25519PublicKey.Length];
        error = LowerHex.TryDecode(Encoding.ASCII.GetBytes(hex), bytes, field);
        if (error is not null)
        {
            return false;
        }

        var candidate = Ed25519PublicKey.Create(bytes);
        var rejection = candidate.ValidateForRegistration();
        if (rejection is not null)
        {
            error = $"{field}: {rejection.Message}";
            return false;
        }

        key = candidate;
        return true;
    }
}
