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

/// <summary>
/// Records an execution receipt in the domain's journal, content-addressed. A signed receipt (DSSE envelope JSON) is
/// certified when a signer held <c>executor</c> at the receipt's journal position; an unsigned one (its canonical
/// JSON) is recorded as informational only. The same receipt again is accepted with no events, except that a
/// certified copy replaces an informational one.
/// </summary>
/// <param name="Receipt">The receipt: DSSE envelope JSON text, or the receipt's canonical JSON when unsigned.</param>
public sealed record CertifyReceipt(string Receipt) : DomainCommand;

/// <summary>
/// Records a certification statement (publication, audit attestation) in the domain's journal, content-addressed,
/// when a signer held the role its kind requires at the statement's journal position. The same statement again is
/// accepted with no events.
/// </summary>
/// <param name="Envelope">The statement as DSSE envelope JSON text, signed under its kind's payload type.</param>
public sealed record Certify(string Envelope) : DomainCommand;
