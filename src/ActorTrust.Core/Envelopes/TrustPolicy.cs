using ActorTrust.Core.Crypto;

namespace ActorTrust.Core.Envelopes;

/// <summary>
/// Which keys a verifier trusts, how many distinct ones must have signed, and which payload types it
/// understands.
/// </summary>
public sealed record TrustPolicy
{
    /// <summary>Creates a policy; trusted keys are de-duplicated by key id.</summary>
    /// <exception cref="ArgumentException">No keys, no payload types, or a threshold outside 1..number of distinct keys.</exception>
    public TrustPolicy(IEnumerable<Ed25519PublicKey> trustedKeys, int threshold, IEnumerable<string> supportedPayloadTypes)
    {
        ArgumentNullException.ThrowIfNull(trustedKeys);
        ArgumentNullException.ThrowIfNull(supportedPayloadTypes);
        var keys = new Dictionary<string, Ed25519PublicKey>(StringComparer.Ordinal);
        foreach (var key in trustedKeys)
        {
            keys.TryAdd(key.KeyId.ToString(), key);
        }

        if (keys.Count == 0)
        {
            throw new ArgumentException("a trust policy needs at least one trusted key", nameof(trustedKeys));
        }

        if (threshold < 1 || threshold > keys.Count)
        {
            throw new ArgumentException(
                $"threshold {threshold} must be between 1 and the number of distinct trusted keys ({keys.Count})", nameof(threshold));
        }

        TrustedKeys = keys;
        Threshold = threshold;
        SupportedPayloadTypes = supportedPayloadTypes.ToHashSet(StringComparer.Ordinal);
        if (SupportedPayloadTypes.Count == 0)
        {
            throw new ArgumentException("a trust policy needs at least one supported payload type", nameof(supportedPayloadTypes));
        }
    }

    /// <summary>Trusted keys by key id.</summary>
    public IReadOnlyDictionary<string, Ed25519PublicKey> TrustedKeys { get; }

    /// <summary>How many distinct trusted keys must have signed.</summary>
    public int Threshold { get; }

    /// <summary>Payload types this verifier accepts (compared ordinally).</summary>
    public IReadOnlySet<string> SupportedPayloadTypes { get; }

    /// <summary>A policy of one trusted key and threshold 1.</summary>
    public static TrustPolicy Single(Ed25519PublicKey key, params string[] supportedPayloadTypes) =>
        new([key], 1, supportedPayloadTypes);
}
