using ActorTrust.Core.Entities;
using ActorTrust.Core.Federation.Governance;
using static ActorTrust.Core.Federation.Peers.PeerRejectionCodes;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>
/// Decides <see cref="EnrollPeer"/> (accepted → enrolled) and <see cref="Rehandshake"/> (enrolled, active or degraded),
/// in order: the rate limit over the window (refused, recorded, <c>handshake_flooding</c>); complete identity disclosure
/// (anonymous peers never enrol); then N-1 compatibility of the disclosed platform version (refused and recorded with
/// the reason). Accepted handshakes record the verdict and raise or clear <c>residency_missing</c>; a renewal also
/// clears drift findings, since the peer has just re-declared what it serves.
/// </summary>
internal static class Handshakes
{
    internal static Decision<PeerEvent> Enroll(PeerState state, EnrollPeer c, DecisionContext context)
    {
        if (state.Status != PeerStatus.Accepted)
        {
            return PeerRefusal.Plain(TransitionNotAllowed, $"peer '{context.EntityId}' is {state.Status}; only an accepted peer enrols");
        }

        if (Check(state, c, c.Offer, c.Policy, context, out var verdict) is { } refused)
        {
            return refused;
        }

        var handshake = new HandshakeRecord(c.Offer.Disclosure, c.Offer.Capabilities, verdict!);
        var findings = Residency(new FindingBatch(state, c.Actor, context.Now), c.Offer.Disclosure).WithAutoSuspension(c.Policy, PeerStatus.Enrolled);
        return Decision<PeerEvent>.Accept([new PeerEnrolled(handshake, $"handshake complete: {verdict!.Reason}", c.Actor, context.Now), .. findings]);
    }

    internal static Decision<PeerEvent> Renew(PeerState state, Rehandshake c, DecisionContext context)
    {
        if (PeerGuards.Federating(state, context) is { } notFederating)
        {
            return notFederating;
        }

        if (Check(state, c, c.Offer, c.Policy, context, out var verdict) is { } refused)
        {
            return refused;
        }

        var findings = Residency(new FindingBatch(state, c.Actor, context.Now), c.Offer.Disclosure)
            .Condition(FindingKind.CapabilityDrift, null, "capabilities re-declared at a handshake")
            .Condition(FindingKind.SchemaDrift, null, "versions re-declared at a handshake")
            .WithAutoSuspension(c.Policy, state.Status);
        return Decision<PeerEvent>.Accept([new PeerHandshakeRenewed(new HandshakeRecord(c.Offer.Disclosure, c.Offer.Capabilities, verdict!), c.Actor, context.Now), .. findings]);
    }

    /// <summary>Handshakes accepted within the window ending at <paramref name="now"/> (exclusive start).</summary>
    internal static int InWindow(PeerState state, FederationPolicy policy, DateTimeOffset now) =>
        state.Handshakes.Count(at => at > now - policy.HandshakeWindow);

    private static Decision<PeerEvent>? Check(PeerState state, PeerCommand c, HandshakeOffer offer, FederationPolicy policy, DecisionContext context, out CompatibilityVerdict? verdict)
    {
        verdict = null;
        if (PeerGuards.Shape(Validate(offer, policy)) is { } invalid)
        {
            return invalid;
        }

        if (!PlatformVersion.TryParse(policy.OurPlatformVersion, out var ours, out var oursError))
        {
            return PeerRefusal.Plain(CommandInvalid, $"policy: {oursError}");
        }

        var recent = InWindow(state, policy, context.Now);
        if (recent >= policy.HandshakesPerWindow)
        {
            var reason = $"{recent} handshakes within {policy.HandshakeWindowSeconds} s; the limit is {policy.HandshakesPerWindow}";
            var flooding = new FindingBatch(state, c.Actor, context.Now).Raise(FindingKind.HandshakeFlooding, reason).WithAutoSuspension(policy, state.Status);
            return PeerRefusal.Recorded(c, HandshakeRateLimited, reason, context, flooding);
        }

        if (offer.Capabilities.Resources is not { Count: > 0 })
        {
            return PeerRefusal.Plain(CapabilitiesNotDeclared, "no resource kinds declared; a peer enrols only with declared capabilities");
        }

        if (offer.Disclosure.MissingForEnrolment() is { Count: > 0 } missing)
        {
            return PeerRefusal.Plain(IdentityDisclosureIncomplete, $"identity disclosure lacks {string.Join(", ", missing)}; anonymous peers cannot enrol");
        }

        if (!PlatformVersion.TryParse(offer.Disclosure.PlatformVersion, out var theirs, out var versionError))
        {
            return PeerRefusal.Recorded(c, PlatformVersionIncompatible, versionError, context);
        }

        verdict = VersionCompatibility.Evaluate(ours, theirs, policy.CompatibilityOverrides);
        return verdict.Compatible ? null : PeerRefusal.Recorded(c, PlatformVersionIncompatible, $"platform {theirs} cannot federate with ours ({policy.OurPlatformVersion}): {verdict.Reason}", context);
    }

    /// <summary>Raises <c>residency_missing</c> while <paramref name="disclosure"/> declares no data residency, clears it once it does.</summary>
    internal static FindingBatch Residency(FindingBatch batch, IdentityDisclosure disclosure) =>
        batch.Condition(FindingKind.ResidencyMissing, disclosure.DataResidency is null ? "no data residency declared" : null, "data residency declared");

    private static string? Validate(HandshakeOffer? offer, FederationPolicy? policy) =>
        offer?.Disclosure is null ? "offer.disclosure is missing"
        : offer.Capabilities is null ? "offer.capabilities is missing"
        : policy is null ? "policy is missing"
        : policy.Validate() is { } badPolicy ? $"policy: {badPolicy}"
        : offer.Disclosure.Validate() ?? (offer.Capabilities.Resources is { Count: > 0 } ? offer.Capabilities.Validate() : null);
}
