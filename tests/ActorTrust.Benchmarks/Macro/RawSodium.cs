using System.Runtime.InteropServices;

namespace ActorTrust.Benchmarks.Macro;

/// <summary>
/// libsodium called directly through function pointers (no ActorTrust wrapper): the same-run raw baseline for
/// Ed25519 sign and verify.
/// </summary>
internal sealed unsafe class RawSodium : IDisposable
{
    private static readonly string[] Candidates = ["libsodium.so.23", "libsodium.so", "libsodium", "libsodium.dylib"];

    private readonly nint _library;
    private readonly delegate* unmanaged<byte*, ulong*, byte*, ulong, byte*, int> _signDetached;
    private readonly delegate* unmanaged<byte*, byte*, ulong, byte*, int> _verifyDetached;
    private readonly byte[] _publicKey = new byte[32];
    private readonly byte[] _secretKey = new byte[64];

    public RawSodium(ReadOnlySpan<byte> seed)
    {
        _library = Load();
        var init = (delegate* unmanaged<int>)NativeLibrary.GetExport(_library, "sodium_init");
        if (init() < 0)
        {
            throw new InvalidOperationException("sodium_init failed");
        }

        var keypair = (delegate* unmanaged<byte*, byte*, byte*, int>)NativeLibrary.GetExport(_library, "crypto_sign_seed_keypair");
        _signDetached = (delegate* unmanaged<byte*, ulong*, byte*, ulong, byte*, int>)NativeLibrary.GetExport(_library, "crypto_sign_detached");
        _verifyDetached = (delegate* unmanaged<byte*, byte*, ulong, byte*, int>)NativeLibrary.GetExport(_library, "crypto_sign_verify_detached");
        fixed (byte* pk = _publicKey)
        fixed (byte* sk = _secretKey)
        fixed (byte* s = seed)
        {
            if (keypair(pk, sk, s) != 0)
            {
                throw new InvalidOperationException("crypto_sign_seed_keypair failed");
            }
        }
    }

    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        ulong written;
        fixed (byte* sig = signature)
        fixed (byte* m = message)
        fixed (byte* sk = _secretKey)
        {
            if (_signDetached(sig, &written, m, (ulong)message.Length, sk) != 0)
            {
                throw new InvalidOperationException("crypto_sign_detached failed");
            }
        }
    }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        fixed (byte* sig = signature)
        fixed (byte* m = message)
        fixed (byte* pk = _publicKey)
        {
            return _verifyDetached(sig, m, (ulong)message.Length, pk) == 0;
        }
    }

    public void Dispose() => NativeLibrary.Free(_library);

    private static nint Load()
    {
        foreach (var name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException("libsodium was not found (tried " + string.Join(", ", Candidates) + ")");
    }
}
