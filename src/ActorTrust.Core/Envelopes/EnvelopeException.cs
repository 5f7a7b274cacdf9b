namespace ActorTrust.Core.Envelopes;

/// <summary>Why an envelope document could not be read.</summary>
public enum EnvelopeFormatError
{
    /// <summary>The bytes are not a strict JSON document.</summary>
    MalformedJson,

    /// <summary>A required member is missing or has the wrong JSON type.</summary>
    MissingOrInvalidMember,

    /// <summary>The document carries a member DSSE does not define.</summary>
    UnknownMember,

    /// <summary>A base64 field does not decode.</summary>
    InvalidBase64,

    /// <summary>A size bound in <see cref="EnvelopeLimits"/> was exceeded.</summary>
    TooLarge,

    /// <summary>The envelope carries no signature.</summary>
    NoSignatures,
}

/// <summary>An envelope document that cannot be read, with the reason.</summary>
public sealed class EnvelopeException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public EnvelopeException(EnvelopeFormatError error, string message, Exception? inner = null)
        : base($"envelope: {message}", inner) => Error = error;

    /// <summary>The kind of problem.</summary>
    public EnvelopeFormatError Error { get; }
}
