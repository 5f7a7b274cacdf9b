using ActorTrust.Core.Entities;
using static ActorTrust.Core.Sessions.SessionRejectionCodes;

namespace ActorTrust.Core.Sessions;

/// <summary>
/// Admission step 1, the claims under the posture in force. Missing: recorded <c>missing</c> under none,
/// <c>unavailable</c> (degraded) under best_effort, refused under required. Detached or invalid: degraded with
/// the detail under none and best_effort, refused under required.
/// </summary>
internal static class ClaimsAdmission
{
    internal static ClaimsOutcome Evaluate(OpenSession command, DateTimeOffset now, out Rejection? refusal)
    {
        refusal = null;
        if (command.ClaimsEnvelope is null)
        {
            const string absent = "no session claims were presented";
            return command.Posture switch
            {
                PolicyPosture.Required => Refuse(new ClaimsOutcome(ClaimsDisposition.Missing, absent), SessionClaimsMissing, out refusal),
                PolicyPosture.BestEffort => new ClaimsOutcome(ClaimsDisposition.Unavailable, absent),
                _ => new ClaimsOutcome(ClaimsDisposition.Missing),
            };
        }

        var verdict = SessionClaimsVerifier.Verify(command.ClaimsEnvelope, command.Transport, command.Audience, now, command.SeenNonces);
        var claims = verdict.Claims;
        var outcome = new ClaimsOutcome(verdict.Disposition, verdict.IsVerified ? null : verdict.Detail, verdict.ClaimsDigest, claims?.Nonce, claims?.ExpiresAt);
        if (verdict.IsVerified && claims is not null)
        {
            var (identity, manifest) = RuntimeManifests.RuntimeManifestDigests.Compute(claims.RuntimeManifest);
            return outcome with
            {
                RuntimeManifest = claims.RuntimeManifest,
                RuntimeIdentityDigest = identity,
                RuntimeManifestDigest = manifest,
                ClaimsProfileId = claims.RuntimeManifest.ClaimsProfileId,
                ProofPosture = claims.ProofPosture,
                Envelope = verdict.Envelope,
            };
        }

        return command.Posture != PolicyPosture.Required ? outcome
            : Refuse(outcome, verdict.Disposition == ClaimsDisposition.Detached ? SessionClaimsDetached : SessionClaimsInvalid, out refusal);
    }

    private static ClaimsOutcome Refuse(ClaimsOutcome outcome, string code, out Rejection refusal)
    {
        refusal = new Rejection(code, $"posture required: {outcome.Detail}");
        return outcome;
    }
}
