using System.Globalization;
using System.Text;

namespace ActorTrust.Core.Envelopes;

/// <summary>
/// DSSE v1 pre-authentication encoding: <c>"DSSEv1" SP len(type) SP type SP len(body) SP body</c>, lengths
/// as ASCII decimal byte counts. Signatures cover these bytes, never the bare payload.
/// </summary>
public static class Pae
{
    /// <summary>Encodes <paramref name="payloadType"/> (as UTF-8) and <paramref name="payload"/>.</summary>
    public static byte[] Encode(string payloadType, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"DSSEv1 {type.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));

        var result = new byte[header.Length + type.Length + middle.Length + payload.Length];
        var span = result.AsSpan();
        header.CopyTo(span);
        type.CopyTo(span[header.Length..]);
        middle.CopyTo(span[(header.Length + type.Length)..]);
        payload.CopyTo(span[(header.Length + type.Length + middle.Length)..]);
        return result;
    }
}
