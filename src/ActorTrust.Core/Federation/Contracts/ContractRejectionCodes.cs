namespace ActorTrust.Core.Federation.Contracts;

/// <summary>Stable reason codes of the <c>contract</c> decider. None is recorded: contract refusals are operator errors.</summary>
public static class ContractRejectionCodes
{
    /// <summary>The entity id is not a positive integer without leading zeros.</summary>
    public const string ContractVersionInvalid = nameof(ContractVersionInvalid);

    /// <summary>The command is malformed (empty text, missing reason, malformed actor).</summary>
    public const string CommandInvalid = nameof(CommandInvalid);

    /// <summary>The actor is not an operator key holding <c>federator</c> in our domain.</summary>
    public const string ActorNotAuthorized = nameof(ActorNotAuthorized);

    /// <summary>The digest the publisher expected is not the digest of the text.</summary>
    public const string ContractDigestMismatch = nameof(ContractDigestMismatch);

    /// <summary>This version already has another text; published texts are immutable.</summary>
    public const string ContractTextImmutable = nameof(ContractTextImmutable);

    /// <summary>Only a published version can be deprecated.</summary>
    public const string ContractNotPublished = nameof(ContractNotPublished);
}
