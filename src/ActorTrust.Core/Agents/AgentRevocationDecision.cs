using System.Text;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using static ActorTrust.Core.Agents.AgentRejectionCodes;

namespace ActorTrust.Core.Agents;

/// <summary>
/// Decides <see cref="RevokeAgent"/>: revocation by a separate authority. The revocation must verify under a
/// principal of the current manifest's issuer domain that holds <c>publisher</c> or <c>auditor</c> and is not
/// the key that issued the current manifest, so a single stolen issuing key cannot both issue and revoke.
/// </summary>
internal static class AgentRevocationDecision
{
    internal static Decision<AgentEvent> Decide(AgentState state, RevokeAgent command, DecisionContext context)
    {
        if (state.Current is not { } current)
        {
            return Reject(AgentNotFound, $"agent '{context.EntityId}' is not registered");
        }

        Envelope envelope;
        try
        {
            envelope = EnvelopeJson.Parse(Encoding.UTF8.GetBytes(command.Envelope));
        }
        catch (EnvelopeException ex)
        {
            return Reject(RevocationMalformed, ex.Message);
        }

        var digest = Digest.Sha256(envelope.Payload);
        if (state.Revocation is { } existing)
        {
            return existing.RevocationDigest == digest
                ? Decision<AgentEvent>.Accept()
                : Reject(AlreadyRevoked, $"agent '{context.EntityId}' was already revoked at {existing.Revocation.RevokedAt:O}");
        }

        var revoker = Authenticate(envelope, command.Authority, current.Manifest, context.Now, out var refusal);
        if (revoker is null)
        {
            return refusal!;
        }

        var revocation = AgentRevocationReader.Read(envelope.Payload, out var unreadable);
        if (revocation is null)
        {
            return Reject(RevocationMalformed, unreadable!);
        }

        var mismatch = CheckContent(revocation, current.Manifest, context);
        return mismatch ?? Decision<AgentEvent>.Accept(new AgentRevoked(
            revocation.AgentId, revocation, digest, revoker.KeyId, AgentEnvelopes.ToText(envelope), command.Authority!.Reference, context.Now));
    }

    private static DomainPrincipal? Authenticate(
        Envelope envelope, IssuerAuthority? authority, AgentManifest current, DateTimeOffset now, out Decision<AgentEvent>? refusal)
    {
        refusal = null;
        if (authority is null)
        {
            refusal = Reject(NoTrustedAuthority, "no issuer authority is trusted for this revocation");
            return null;
        }

        if (!string.Equals(authority.DomainId, current.Issuer, StringComparison.Ordinal))
        {
            refusal = Reject(AuthorityDomainMismatch, $"authority is for domain '{authority.DomainId}', but the manifest's issuer is '{current.Issuer}'");
            return null;
        }

        if (authority.Validate() is { } invalid || !AuthorityKeys.TryCreate(authority, out var keys, out invalid))
        {
            refusal = Reject(AuthorityInvalid, invalid);
            return null;
        }

        if (authority.IsExpiredAt(now) || keys.IsEmpty)
        {
            refusal = Reject(authority.IsExpiredAt(now) ? AuthorityExpired : NoTrustedAuthority, $"domain '{authority.DomainId}' version {authority.Version} vouches for no key now");
            return null;
        }

        var verdict = keys.Verify(envelope, PayloadTypes.AgentRevocation);
        if (verdict.Rejection == EnvelopeRejection.UnsupportedPayloadType)
        {
            refusal = Reject(PayloadTypeUnsupported, $"payload type '{envelope.PayloadType}' is not an agent revocation");
            return null;
        }

        if (!verdict.IsVerified)
        {
            refusal = Reject(RevocationSignatureInvalid, $"no signature verifies under a key of domain '{authority.DomainId}'");
            return null;
        }

        var signers = keys.Signers(verdict);
        var revoker = signers.FirstOrDefault(s =>
            s.KeyId != current.IssuerKeyId && (s.Holds(DomainRole.Publisher) || s.Holds(DomainRole.Auditor)));
        if (revoker is null)
        {
            refusal = signers.Any(s => s.KeyId == current.IssuerKeyId)
                ? Reject(RevokerIsIssuer, "signed by the key that issued the current manifest; revocation needs a separate authority")
                : Reject(RevokerNotAuthorised, "signed only by keys that hold neither publisher nor auditor");
        }

        return revoker;
    }

    private static Decision<AgentEvent>? CheckContent(AgentRevocation revocation, AgentManifest current, DecisionContext context)
    {
        if (!string.Equals(revocation.AgentId.ToString(), context.EntityId, StringComparison.Ordinal))
        {
            return Reject(AgentIdMismatch, $"revocation is for agent {revocation.AgentId}, not '{context.EntityId}'");
        }

        if (!string.Equals(revocation.ManifestId, current.ManifestId, StringComparison.Ordinal))
        {
            return Reject(RevocationManifestMismatch, $"revocation names manifest '{revocation.ManifestId}', the current one is '{current.ManifestId}'");
        }

        return revocation.RevokedAt > context.Now + AgentManifestVerifier.AllowedClockSkew
            ? Reject(RevocationInFuture, $"revoked_at {revocation.RevokedAt:O} is in the future")
            : null;
    }

    private static Decision<AgentEvent> Reject(string code, string message) => Decision<AgentEvent>.Reject(code, message);
}
