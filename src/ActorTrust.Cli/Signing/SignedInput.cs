using System.CommandLine;
using System.Text;
using ActorTrust.Core.Envelopes;

namespace ActorTrust.Cli.Signing;

/// <summary>A signed document ready to send: the envelope as DSSE JSON text, its payload type and exact payload bytes.</summary>
/// <param name="EnvelopeJson">The envelope document.</param>
/// <param name="PayloadType">The envelope's payload type.</param>
/// <param name="Payload">The signed payload bytes.</param>
internal sealed record SignedDocument(string EnvelopeJson, string PayloadType, byte[] Payload);

/// <summary>
/// The options of a command that sends a signed document: either <c>--manifest</c> with <c>--key</c> (signed
/// here) or <c>--envelope</c> (signed elsewhere, e.g. offline with <c>actortrust manifest sign</c>).
/// </summary>
internal sealed class SignedInput
{
    private readonly ManifestKind _kind;

    public SignedInput(ManifestKind kind, string keyDescription)
    {
        _kind = kind;
        Keys = new Option<string[]>("--key", "-k") { Description = keyDescription, AllowMultipleArgumentsPerToken = true };
    }

    public Option<string?> Manifest { get; } = new("--manifest", "-m") { Description = "Unsigned manifest JSON to sign with --key and send" };

    public Option<string[]> Keys { get; }

    public Option<string?> Envelope { get; } = new("--envelope", "-e") { Description = "An already signed envelope to send (instead of --manifest and --key)" };

    public IEnumerable<Option> All => [Manifest, Keys, Envelope];

    /// <summary>Signs the manifest, or reads the envelope; refuses anything malformed before it is sent.</summary>
    public async Task<SignedDocument> ResolveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var manifest = parse.GetValue(Manifest);
        var envelope = parse.GetValue(Envelope);
        var keys = parse.GetValue(Keys) ?? [];
        if ((manifest is null) == (envelope is null))
        {
            throw new ArgumentException("give either --manifest (signed with --key) or --envelope");
        }

        if (envelope is not null)
        {
            return keys.Length == 0
                ? await ReadEnvelopeAsync(envelope, cancellationToken)
                : throw new ArgumentException("--key signs a --manifest; an --envelope is already signed");
        }

        var payload = await ManifestDocuments.ReadAsync(_kind, manifest!, cancellationToken);
        using var keySet = KeySet.Read(keys);
        return new SignedDocument(ManifestDocuments.SignToText(_kind, payload, keySet), ManifestDocuments.PayloadType(_kind), payload);
    }

    /// <summary>Reads an envelope file strictly; a malformed one throws naming the file.</summary>
    public static async Task<SignedDocument> ReadEnvelopeAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await CliFiles.ReadBoundedAsync(path, EnvelopeLimits.Default.MaxEnvelopeBytes, cancellationToken);
        try
        {
            var envelope = EnvelopeJson.Parse(bytes);
            return new SignedDocument(Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope)), envelope.PayloadType, envelope.Payload);
        }
        catch (EnvelopeException ex)
        {
            throw new FormatException($"{path}: {ex.Message}", ex);
        }
    }
}
