namespace ActorTrust.Cli.Signing;

/// <summary>The signed documents an operator produces: authority manifests, agent manifests and revocations.</summary>
internal enum ManifestKind
{
    /// <summary>A Domain Authority Manifest, signed by root keys.</summary>
    Domain = 1,

    /// <summary>An Agent Manifest, signed by a publisher key.</summary>
    Agent = 2,

    /// <summary>An agent revocation, signed by a publisher or auditor other than the issuing key.</summary>
    Revocation = 3,
}
