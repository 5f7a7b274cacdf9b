using System.Text;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Keys;
using ActorTrust.Runtime.Keys;

namespace ActorTrust.Cli.Commands;

/// <summary>
/// Reads the public key a command should trust from a key file, a public key file, or 64 hex characters.
/// </summary>
internal static class TrustedKeys
{
    public static PublicKeyFile Load(string spec)
    {
        if (spec.Length == Ed25519PublicKey.Length * 2 && !File.Exists(spec) && spec.All(Uri.IsHexDigit))
        {
            return new PublicKeyFile(Ed25519PublicKey.Create(Convert.FromHexString(spec)), null);
        }

        var info = new FileInfo(spec);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"key file '{spec}' does not exist", spec);
        }

        if (info.Length > KeyFile.MaxSize)
        {
            throw new FormatException($"'{spec}' is {info.Length} bytes; a key file is at most {KeyFile.MaxSize}");
        }

        var bytes = File.ReadAllBytes(spec);
        if (Encoding.UTF8.GetString(bytes).Contains($"\"{KeyFile.Kind}\"", StringComparison.Ordinal))
        {
            using var keyFile = KeyFileIo.Read(spec);
            return new PublicKeyFile(keyFile.PublicKey, keyFile.Label);
        }

        return PublicKeyFile.Parse(bytes);
    }
}
