namespace ActorTrust.Core.Agents;

/// <summary>
/// A command for an <c>agent</c> entity (id = the agent's SPIFFE ID). Envelopes travel as DSSE JSON text.
/// The issuer domain is the agent's own trust domain, so the runtime knows which <c>domain</c> entity to
/// ask for <see cref="Authority"/> before deciding; null when that domain does not exist.
/// </summary>
/// <param name="Envelope">The DSSE envelope JSON the command carries.</param>
/// <param name="Authority">The issuer domain's current authority, or null when there is none.</param>
public abstract record AgentCommand(string Envelope, IssuerAuthority? Authority);

/// <summary>Registers an agent from its first signed manifest (no <c>previous_manifest_id</c>).</summary>
/// <param name="Envelope">The manifest envelope (type <c>agent-manifest</c>).</param>
/// <param name="Authority">The issuer domain's current authority.</param>
public sealed record RegisterAgent(string Envelope, IssuerAuthority? Authority) : AgentCommand(Envelope, Authority);

/// <summary>Replaces the current manifest with a newer one whose <c>previous_manifest_id</c> names it.</summary>
/// <param name="Envelope">The manifest envelope (type <c>agent-manifest</c>).</param>
/// <param name="Authority">The issuer domain's current authority.</param>
public sealed record RotateAgent(string Envelope, IssuerAuthority? Authority) : AgentCommand(Envelope, Authority);

/// <summary>Revokes the agent with a revocation signed by a publisher or auditor other than the issuing key.</summary>
/// <param name="Envelope">The revocation envelope (type <c>agent-revocation</c>).</param>
/// <param name="Authority">The issuer domain's current authority.</param>
public sealed record RevokeAgent(string Envelope, IssuerAuthority? Authority) : AgentCommand(Envelope, Authority);
