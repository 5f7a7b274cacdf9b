using ActorTrust.Core.Entities;
using ActorTrust.Core.Identity;
using static ActorTrust.Core.Sessions.SessionRejectionCodes;

namespace ActorTrust.Core.Sessions;

/// <summary>
/// Decides <see cref="OpenSession"/>, default deny, in this order: (1) the claims under the posture in force
/// (<see cref="ClaimsAdmission"/>); (2) the manifest binding (<see cref="ManifestBinding"/>); (3) the runtime
/// identity allow-list, when one is in force. The first failing step refuses; the refusal is recorded as
/// <c>session.refused.v1</c> with everything established so far, so a refused session is an entity too.
/// </summary>
internal static class SessionAdmission
{
    internal static Decision<SessionEvent> Decide(SessionState state, OpenSession command, DecisionContext context)
    {
        if (state.Status != SessionStatus.Unopened)
        {
            return Decision<SessionEvent>.Reject(SessionAlreadyOpened, $"session '{context.EntityId}' is already {state.Status}");
        }

        if (!SpiffeId.TryParse(context.EntityId, out var sessionId, out var idError))
        {
            return Decision<SessionEvent>.Reject(SessionIdInvalid, $"session id '{context.EntityId}': {idError}");
        }

        if (Validate(command) is { } invalid)
        {
            return Decision<SessionEvent>.Reject(CommandInvalid, invalid);
        }

        var claims = ClaimsAdmission.Evaluate(command, context.Now, out var refusal);
        var facts = new AdmissionFacts(
            sessionId, command.Subject, command.SubjectSource, command.DevMode, command.Transport, command.Audience, command.Posture,
            claims, command.PolicyBundleHash, command.ToolCatalogHash, context.Now,
            command.AllowedRuntimeIdentities is { } allowed ? RuntimeAllowList.DigestOf(allowed) : null);
        if (refusal is null)
        {
            facts = facts with { Manifest = ManifestBinding.Check(command, context.Now, out refusal) };
        }

        refusal ??= CheckAllowList(command, claims);
        return refusal is null
            ? Decision<SessionEvent>.Accept(new SessionAdmitted(facts))
            : Decision<SessionEvent>.RejectAndRecord(refusal.Code, refusal.Message, new SessionRefused(refusal.Code, refusal.Message, facts));
    }

    // Only a verified runtime identity can be on the list: degraded claims under an allow-list are refused.
    private static Rejection? CheckAllowList(OpenSession command, ClaimsOutcome claims) =>
        command.AllowedRuntimeIdentities is not { } allowed ? null
        : claims.RuntimeIdentityDigest is not { } identity
            ? new(RuntimeIdentityNotAllowed, $"an allow-list is in force and the session has no verified runtime identity (claims {claims.Disposition})")
        : allowed.Contains(identity) ? null
        : new(RuntimeIdentityNotAllowed, $"runtime identity {identity} is not on the allow-list");

    private static string? Validate(OpenSession c) =>
        c.Subject is null ? "subject is missing"
        : !Enum.IsDefined(c.SubjectSource) ? $"subject_source {c.SubjectSource} is not defined"
        : !Enum.IsDefined(c.Posture) ? $"posture {c.Posture} is not defined"
        : c.Transport is null ? "transport is missing"
        : c.Transport.Validate() is { } transport ? $"transport: {transport}"
        : string.IsNullOrEmpty(c.Audience) ? "audience is missing"
        : c.Agent?.AgentId is null ? "agent is missing"
        : !Enum.IsDefined(c.Agent.Status) ? $"agent status {c.Agent.Status} is not defined"
        : null;
}
