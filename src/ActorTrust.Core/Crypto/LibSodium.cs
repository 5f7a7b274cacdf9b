using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ActorTrust.Core.Crypto;

/// <summary>
/// The few libsodium entry points ActorTrust uses, bound with source-generated P/Invoke. Every wrapper
/// runs <c>sodium_init</c> exactly once (thread-safe) before calling into the library.
/// </summary>
internal static unsafe partial class LibSodium
{
    internal const int PublicKeyBytes = 32;
    internal const int SecretKeyBytes = 64;
    internal const int SeedBytes = 32;
    internal const int SignatureBytes = 64;

    private const string LibraryName = "libsodium.so.23";

    // Debian/Ubuntu ship the versioned soname; other systems may only have the unversioned name.
    private static readonly string[] Candidates = ["libsodium.so.23", "libsodium.so", "libsodium", "libsodium.dylib"];

    private static readonly Lazy<bool> Initialised = new(Initialise, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads libsodium and runs <c>sodium_init</c> if that has not happened yet.</summary>
    internal static void EnsureInitialised() => _ = Initialised.Value;

    internal static void SeedKeypair(Span<byte> publicKey, Span<byte> secretKey, ReadOnlySpan<byte> seed)
    {
        EnsureInitialised();
        fixed (byte* pk = publicKey)
        fixed (byte* sk = secretKey)
        fixed (byte* sd = seed)
        {
            if (CryptoSignSeedKeypair(pk, sk, sd) != 0)
            {
                throw new CryptographicException("crypto_sign_seed_keypair failed");
            }
        }
    }

    internal static void SignDetached(Span<byte> signature, ReadOnlySpan<byte> message, ReadOnlySpan<byte> secretKey)
    {
        EnsureInitialised();
        fixed (byte* sig = signature)
        fixed (byte* m = NonNull(message))
        fixed (byte* sk = secretKey)
        {
            ulong written;
            if (CryptoSignDetached(sig, &written, m, (ulong)message.Length, sk) != 0 || written != SignatureBytes)
            {
                throw new CryptographicException("crypto_sign_detached failed");
            }
        }
    }

    internal static bool VerifyDetached(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ReadOnlySpan<byte> publicKey)
    {
        EnsureInitialised();
        fixed (byte* sig = signature)
        fixed (byte* m = NonNull(message))
        fixed (byte* pk = publicKey)
        {
            return CryptoSignVerifyDetached(sig, m, (ulong)message.Length, pk) == 0;
        }
    }

    internal static bool IsValidPoint(ReadOnlySpan<byte> point)
    {
        EnsureInitialised();
        fixed (byte* p = point)
        {
            return CryptoCoreEd25519IsValidPoint(p) == 1;
        }
    }

    internal static void MemZero(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        EnsureInitialised();
        fixed (byte* p = buffer)
        {
            SodiumMemZero(p, (nuint)buffer.Length);
        }
    }

    // `fixed` on an empty span yields a null pointer; give libsodium a valid address with length 0 instead.
    private static ReadOnlySpan<byte> NonNull(ReadOnlySpan<byte> span) => span.IsEmpty ? [0] : span;

    private static bool Initialise()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibSodium).Assembly, Resolve);
        try
        {
            if (SodiumInit() < 0)
            {
                throw new CryptographicException("libsodium could not be initialised (sodium_init returned -1)");
            }
        }
        catch (DllNotFoundException ex)
        {
            throw new DllNotFoundException(
                "libsodium is required for Ed25519 but was not found; install it (Debian/Ubuntu: apt-get install libsodium23)", ex);
        }

        return true;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.Equals(libraryName, LibraryName, StringComparison.Ordinal))
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    [LibraryImport(LibraryName, EntryPoint = "sodium_init")]
    private static partial int SodiumInit();

    [LibraryImport(LibraryName, EntryPoint = "crypto_sign_seed_keypair")]
    private static partial int CryptoSignSeedKeypair(byte* pk, byte* sk, byte* seed);

    [LibraryImport(LibraryName, EntryPoint = "crypto_sign_detached")]
    private static partial int CryptoSignDetached(byte* sig, ulong* siglen, byte* m, ulong mlen, byte* sk);

    [LibraryImport(LibraryName, EntryPoint = "crypto_sign_verify_detached")]
    private static partial int CryptoSignVerifyDetached(byte* sig, byte* m, ulong mlen, byte* pk);

    [LibraryImport(LibraryName, EntryPoint = "crypto_core_ed25519_is_valid_point")]
    private static partial int CryptoCoreEd25519IsValidPoint(byte* p);

    [LibraryImport(LibraryName, EntryPoint = "sodium_memzero")]
    private static partial void SodiumMemZero(byte* pnt, nuint len);
}
