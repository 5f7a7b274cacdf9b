namespace ActorTrust.Core.Domains;

/// <summary>
/// A capability a principal key holds for its trust domain (Domain Authority Manifest, source 003). Roles
/// are semantic permissions, not accounts; a key may hold several. Written in JSON as snake_case strings.
/// </summary>
public enum DomainRole
{
    /// <summary>May produce internal artifacts for the domain.</summary>
    Producer = 1,

    /// <summary>May run work and sign execution receipts.</summary>
    Executor = 2,

    /// <summary>May publish on the domain's behalf, including issuing Agent Manifests.</summary>
    Publisher = 3,

    /// <summary>May verify and attest, never mutate; may also revoke Agent Manifests.</summary>
    Auditor = 4,

    /// <summary>May export published state to federation peers.</summary>
    Federator = 5,
}
