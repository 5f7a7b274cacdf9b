using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Keys;
using ActorTrust.Runtime.Keys;

namespace ActorTrust.Cli.Signing;

/// <summary>Signing keys read from key files; the key material is wiped when the set is disposed.</summary>
internal sealed class KeySet : IDisposable
{
    private readonly List<KeyFile> _keyFiles;

    private KeySet(List<KeyFile> keyFiles) => _keyFiles = keyFiles;

    /// <summary>The key ids, for output (never the seeds).</summary>
    public IReadOnlyList<string> KeyIds => [.. _keyFiles.Select(k => k.KeyId.ToString())];

    /// <summary>One signer per key file.</summary>
    public IReadOnlyList<IEnvelopeSigner> Signers => [.. _keyFiles.Select(k => (IEnvelopeSigner)new Ed25519EnvelopeSigner(k.KeyPair))];

    /// <summary>Reads every key file; a bad one disposes those already read and throws.</summary>
    public static KeySet Read(IEnumerable<string> paths)
    {
        var keyFiles = new List<KeyFile>();
        try
        {
            foreach (var path in paths)
            {
                keyFiles.Add(KeyFileIo.Read(path));
            }
        }
        catch
        {
            keyFiles.ForEach(k => k.Dispose());
            throw;
        }

        return keyFiles.Count > 0 ? new KeySet(keyFiles) : throw new ArgumentException("--key: at least one key file is needed to sign");
    }

    public void Dispose() => _keyFiles.ForEach(k => k.Dispose());
}
