using System.Text;
using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Federation.Contracts;

/// <summary>
/// The digest that names a contract text: SHA-256 over <c>actortrust/federation-contract/v1\n</c> followed by the
/// text's UTF-8 bytes, exactly as published (no normalisation of line ends or whitespace). Peers exchange it with
/// the version number at acceptance, so both sides provably agreed to the same text.
/// </summary>
public static class ContractDigest
{
    /// <summary>The hash purpose.</summary>
    public const string Purpose = "federation-contract";

    /// <summary>The largest accepted text, in UTF-8 bytes.</summary>
    public const int MaxTextBytes = 256 * 1024;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The digest of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">The text holds a lone surrogate (it has no UTF-8 form).</exception>
    public static Digest Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return DomainHash.Compute(Purpose, Strict.GetBytes(text));
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("the contract text holds a lone surrogate", nameof(text), ex);
        }
    }

    /// <summary>Returns null when <paramref name="text"/> can be published, else the rule it breaks.</summary>
    public static string? Validate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "the contract text is empty";
        }

        try
        {
            return Strict.GetByteCount(text) > MaxTextBytes ? $"the contract text is larger than {MaxTextBytes} bytes" : null;
        }
        catch (EncoderFallbackException)
        {
            return "the contract text holds a lone surrogate";
        }
    }
}
