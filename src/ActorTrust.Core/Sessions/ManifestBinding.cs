using System.Text;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Entities;
using static ActorTrust.Core.Sessions.SessionRejectionCodes;

namespace ActorTrust.Core.Sessions;

/// <summary>
/// Admission step 2, the manifest binding (source 001, Option A). In order: the agent is registered and not
/// revoked; a presented manifest verifies against the issuer authority and is the agent's current one; the
/// authority is usable and for the manifest's issuer; the manifest has not expired; its issuer key still holds
/// <c>publisher</c>; the subject source is allowed; the subject is the manifest's agent; the loaded policy
/// bundle and tool catalog are the approved ones.
/// </summary>
internal static class ManifestBinding
{
    internal static ManifestConsulted Check(OpenSession command, DateTimeOffset now, out Rejection? refusal)
    {
        var agent = command.Agent;
        var consulted = new ManifestConsulted(agent.AgentId, agent.Status, agent.Version, agent.Binding, null, command.Authority?.Reference);
        if (agent.Status == AgentStatus.Revoked)
        {
            refusal = new(ManifestRevoked, $"agent {agent.AgentId} is revoked");
            return consulted;
        }

        if (agent.Status != AgentStatus.Active || agent.Binding is not { } binding)
        {
            refusal = new(AgentNotRegistered, $"agent {agent.AgentId} has no registered manifest");
            return consulted;
        }

        if (command.ManifestEnvelope is { } envelope)
        {
            var verdict = AgentManifestVerifier.Verify(Encoding.UTF8.GetBytes(envelope), command.Authority, now);
            consulted = consulted with { PresentedManifestDigest = verdict.ManifestDigest };
            refusal = !verdict.IsValid ? FromVerdict(verdict, command.Authority is null)
                : verdict.ManifestDigest != binding.ManifestDigest
                    ? new(ManifestNotCurrent, $"the presented manifest {verdict.Manifest!.ManifestId} of {verdict.Manifest.AgentId} is not agent {agent.AgentId}'s current manifest {binding.ManifestId}")
                : null;
            if (refusal is not null)
            {
                return consulted;
            }
        }

        refusal = CheckBinding(command, binding, now);
        return consulted;
    }

    private static Rejection? CheckBinding(OpenSession command, AgentBinding binding, DateTimeOffset now)
    {
        var authority = command.Authority;
        return authority is null ? new(IssuerAuthorityUnavailable, $"no authority is known for issuer domain '{binding.Issuer}'")
            : authority.Validate() is { } invalid ? new(IssuerAuthorityUnavailable, $"the issuer authority is malformed: {invalid}")
            : !string.Equals(authority.DomainId, binding.Issuer, StringComparison.Ordinal)
                ? new(IssuerAuthorityUnavailable, $"the authority given is for domain '{authority.DomainId}', not the issuer '{binding.Issuer}'")
            : authority.IsExpiredAt(now) ? new(IssuerAuthorityUnavailable, $"domain '{authority.DomainId}' version {authority.Version} expired at {authority.ExpiresAt:O}")
            : now >= binding.ExpiresAt ? new(ManifestExpired, $"manifest {binding.ManifestId} expired at {binding.ExpiresAt:O}")
            : !authority.Principals.Any(p => p.KeyId == binding.IssuerKeyId && p.Holds(DomainRole.Publisher))
                ? new(IssuerKeyNotPublisher, $"issuer key {binding.IssuerKeyId} does not hold publisher in domain '{authority.DomainId}' version {authority.Version}")
            : command.SubjectSource == SubjectSource.ManifestDev && !command.DevMode
                ? new(SubjectSourceNotAllowed, "subject source manifest-dev is only allowed when the node runs in dev mode")
            : command.Subject != binding.AgentId ? new(AgentIdMismatch, $"subject {command.Subject} is not the manifest's agent {binding.AgentId}")
            : command.PolicyBundleHash != binding.PolicyBundleHash
                ? new(PolicyHashDrift, $"the loaded policy bundle {command.PolicyBundleHash} is not the approved {binding.PolicyBundleHash}")
            : command.ToolCatalogHash != binding.ToolCatalogHash
                ? new(CatalogHashDrift, $"the loaded tool catalog {command.ToolCatalogHash} is not the approved {binding.ToolCatalogHash}")
            : null;
    }

    private static Rejection FromVerdict(ManifestVerdict verdict, bool noAuthority)
    {
        var code = verdict.Status switch
        {
            ManifestVerdictStatus.Expired => ManifestExpired,
            ManifestVerdictStatus.Revoked => ManifestRevoked,
            _ => verdict.Code switch
            {
                AgentRejectionCodes.SignatureInvalid => ManifestSignatureInvalid,
                AgentRejectionCodes.SignerNotPublisher or AgentRejectionCodes.SignerUnknown => IssuerKeyNotPublisher,
                AgentRejectionCodes.NoTrustedAuthority => noAuthority ? IssuerAuthorityUnavailable : IssuerKeyNotPublisher,
                AgentRejectionCodes.AuthorityInvalid or AgentRejectionCodes.AuthorityExpired => IssuerAuthorityUnavailable,
                _ => ManifestInvalid,
            },
        };
        return new Rejection(code, $"the presented manifest is refused ({verdict.Code}): {verdict.Reason}");
    }
}
