using System.Diagnostics.CodeAnalysis;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Crypto;

/// <summary>
/// A raw 32-byte Ed25519 public key (RFC 8032). Construction checks only the length, so any key a peer
/// presents can be held and verified against; <see cref="ValidateForRegistration"/> is the stricter gate
/// for keys ActorTrust is asked to trust.
/// </summary>
public sealed class Ed25519PublicKey : IEquatable<Ed25519PublicKey>
{
    private const int MaxRememberedVerdicts = 16_384;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Digest, PublicKeyRejection?> RegistrationVerdicts = new();

    /// <summary>Length in bytes of an encoded public key.</summary>
    public const int Length = 32;

    /// <summary>Length in bytes of a detached signature.</summary>
    public const int SignatureLength = 64;

    private readonly byte[] _bytes;

    private Ed25519PublicKey(byte[] bytes)
    {
        _bytes = bytes;
        KeyId = Digest.Sha256(bytes);
    }

    /// <summary>The 32 encoded bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The key id: <c>sha256:</c> of the raw 32-byte public key.</summary>
    public Digest KeyId { get; }

    /// <summary>True when <see cref="ValidateForRegistration"/> finds nothing wrong.</summary>
    public bool IsAcceptableForRegistration => ValidateForRegistration() is null;

    /// <summary>Wraps a copy of <paramref name="bytes"/>; false when it is not exactly 32 bytes.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out Ed25519PublicKey? key)
    {
        key = bytes.Length == Length ? new Ed25519PublicKey(bytes.ToArray()) : null;
        return key is not null;
    }

    /// <summary>Wraps a copy of <paramref name="bytes"/>.</summary>
    /// <exception cref="ArgumentException">The span is not exactly 32 bytes.</exception>
    public static Ed25519PublicKey Create(ReadOnlySpan<byte> bytes)
    {
        if (!TryCreate(bytes, out var key))
        {
            throw new ArgumentException($"an Ed25519 public key is {Length} bytes, got {bytes.Length}", nameof(bytes));
        }

        return key;
    }

    /// <summary>
    /// Strict verification with libsodium's <c>crypto_sign_verify_detached</c>: refuses non-canonical S,
    /// small-order or non-canonical A and R. A signature that is not 64 bytes is simply false.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureLength && LibSodium.VerifyDetached(signature, message, _bytes);

    /// <summary>
    /// Checks the key is fit to be registered: a canonical encoding of a point in the prime-order
    /// subgroup, and not one of the small-order points. Returns <c>null</c> when acceptable.
    /// </summary>
    public PublicKeyRejection? ValidateForRegistration()
    {
        // The check is a pure function of the key but costs about as much as a signature verification (a
        // subgroup test), and admission paths meet the same few keys again and again: remember the verdicts.
        if (RegistrationVerdicts.TryGetValue(KeyId, out var known))
        {
            return known;
        }

        var verdict = CheckForRegistration();
        if (RegistrationVerdicts.Count < MaxRememberedVerdicts)
        {
            RegistrationVerdicts.TryAdd(KeyId, verdict);
        }

        return verdict;
    }

    private PublicKeyRejection? CheckForRegistration()
    {
        if (!SmallOrderPoints.IsCanonicalY(_bytes))
        {
            return new PublicKeyRejection(
                PublicKeyRejectionCode.NonCanonicalEncoding,
                $"public key {this} is not canonically encoded (y is not reduced modulo 2^255-19)");
        }

        if (SmallOrderPoints.IsSmallOrder(_bytes))
        {
            return new PublicKeyRejection(
                PublicKeyRejectionCode.SmallOrder,
                $"public key {this} is a small-order point; signatures under it can be forged");
        }

        return LibSodium.IsValidPoint(_bytes)
            ? null
            : new PublicKeyRejection(
                PublicKeyRejectionCode.NotInPrimeOrderSubgroup,
                $"public key {this} is not a point of the prime-order subgroup");
    }

    /// <summary>The key as 64 lowercase hex characters.</summary>
    public override string ToString() => Convert.ToHexStringLower(_bytes);

    /// <inheritdoc />
    public bool Equals(Ed25519PublicKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Ed25519PublicKey);

    /// <inheritdoc />
    public override int GetHashCode() => KeyId.GetHashCode();
}
