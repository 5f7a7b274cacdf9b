namespace ActorTrust.Cli;

/// <summary>Process exit codes of the <c>actortrust</c> command line.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The input (a file, an option value, a document) was malformed or unusable.</summary>
    public const int BadInput = 1;

    /// <summary>Input was well-formed but verification refused it (bad signature, threshold not met, ...).</summary>
    public const int Refused = 3;
}
