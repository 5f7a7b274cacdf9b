using System.Security.Cryptography;

namespace ActorTrust.Core.Crypto;

/// <summary>
/// An Ed25519 signing key derived from a 32-byte seed. The seed and libsodium's 64-byte secret key live in
/// pinned arrays owned by this object and are wiped on <see cref="Dispose"/>. Nothing secret is ever
/// returned by <see cref="ToString"/>.
/// </summary>
public sealed class Ed25519KeyPair : IDisposable
{
    /// <summary>Length in bytes of a seed.</summary>
    public const int SeedLength = LibSodium.SeedBytes;

    private readonly byte[] _seed = GC.AllocateArray<byte>(LibSodium.SeedBytes, pinned: true);
    private readonly byte[] _secretKey = GC.AllocateArray<byte>(LibSodium.SecretKeyBytes, pinned: true);
    private bool _disposed;

    private Ed25519KeyPair(ReadOnlySpan<byte> seed)
    {
        seed.CopyTo(_seed);
        Span<byte> publicKey = stackalloc byte[LibSodium.PublicKeyBytes];
        LibSodium.SeedKeypair(publicKey, _secretKey, _seed);
        PublicKey = Ed25519PublicKey.Create(publicKey);
    }

    /// <summary>The public half.</summary>
    public Ed25519PublicKey PublicKey { get; }

    /// <summary>
    /// Derives the key pair from <paramref name="seed"/>. The seed is copied into owned memory; the caller
    /// still owns (and should wipe) its own buffer.
    /// </summary>
    /// <exception cref="ArgumentException">The seed is not exactly 32 bytes.</exception>
    public static Ed25519KeyPair FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
        {
            throw new ArgumentException($"an Ed25519 seed is {SeedLength} bytes, got {seed.Length}", nameof(seed));
        }

        return new Ed25519KeyPair(seed);
    }

    /// <summary>Generates a fresh key pair from a seed drawn from <see cref="RandomNumberGenerator"/>.</summary>
    public static Ed25519KeyPair Generate()
    {
        Span<byte> seed = stackalloc byte[SeedLength];
        try
        {
            RandomNumberGenerator.Fill(seed);
            return new Ed25519KeyPair(seed);
        }
        finally
        {
            LibSodium.MemZero(seed);
        }
    }

    /// <summary>Signs <paramref name="message"/>, returning the 64-byte detached signature (deterministic per RFC 8032).</summary>
    /// <exception cref="ObjectDisposedException">The key pair has been disposed.</exception>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var signature = new byte[LibSodium.SignatureBytes];
        LibSodium.SignDetached(signature, message, _secretKey);
        return signature;
    }

    /// <summary>Copies the seed out, for the key-file writer only.</summary>
    internal void CopySeedTo(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _seed.CopyTo(destination);
    }

    /// <summary>The owned secret buffers, so tests can observe that <see cref="Dispose"/> wipes them.</summary>
    internal (byte[] Seed, byte[] SecretKey) SecretBuffersForTesting => (_seed, _secretKey);

    /// <summary>Wipes the seed and the secret key. Further signing throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        LibSodium.MemZero(_seed);
        LibSodium.MemZero(_secretKey);
        _disposed = true;
    }

    /// <summary>Names the key by its public key id; never shows secret material.</summary>
    public override string ToString() => $"Ed25519KeyPair({PublicKey.KeyId})";
}
