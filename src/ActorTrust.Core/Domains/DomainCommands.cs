namespace ActorTrust.Core.Domains;

/// <summary>A command for a <c>domain</c> entity. Envelopes travel as their DSSE JSON text.</summary>
public abstract record DomainCommand;

/// <summary>
/// Creates a domain from its version 1 authority manifest, which must be signed by a threshold of its own
/// root keys. Creation is trust-on-first-use: who may send it is the node API's decision.
/// </summary>
/// <param name="Envelope">The DSSE envelope JSON (type <c>authority-manifest</c>) holding the manifest.</param>
public sealed record CreateDomain(string Envelope) : DomainCommand;

/// <summary>
/// Replaces the current manifest (version N) with version N+1, which must be signed by a threshold of
/// version N's root keys and a threshold of its own.
/// </summary>
/// <param name="Envelope">The DSSE envelope JSON (type <c>authority-manifest</c>) holding the new manifest.</param>
public sealed record RotateDomain(string Envelope) : DomainCommand;
