using System.Text;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Envelopes;
using static ActorTrust.Core.Agents.AgentRejectionCodes;

namespace ActorTrust.Core.Agents;

/// <summary>Decides <see cref="RegisterAgent"/> and <see cref="RotateAgent"/>.</summary>
internal static class AgentManifestDecisions
{
    internal static Decision<AgentEvent> Register(AgentState state, RegisterAgent command, DecisionContext context)
    {
        if (state.Status == AgentStatus.Revoked)
        {
            return Decision<AgentEvent>.Reject(Revoked, $"agent '{context.EntityId}' is revoked");
        }

        if (state.Current is { } current)
        {
            return AgentEnvelopes.PayloadDigest(command.Envelope) == current.ManifestDigest
                ? Decision<AgentEvent>.Accept()
                : Decision<AgentEvent>.Reject(AgentExists, $"agent '{context.EntityId}' is registered with manifest {current.Manifest.ManifestId}; rotate instead");
        }

        var accepted = Verify(state, command, context, out var refusal);
        if (accepted is null)
        {
            return refusal!;
        }

        var (manifest, envelope, verdict) = accepted.Value;
        if (manifest.PreviousManifestId is not null)
        {
            return Decision<AgentEvent>.Reject(FirstManifestHasPrevious, $"a first manifest names no previous manifest, got '{manifest.PreviousManifestId}'");
        }

        return Decision<AgentEvent>.Accept(new AgentRegistered(
            manifest.AgentId, manifest, verdict.ManifestDigest!.Value, AgentEnvelopes.ToText(envelope), command.Authority!.Reference, context.Now));
    }

    internal static Decision<AgentEvent> Rotate(AgentState state, RotateAgent command, DecisionContext context)
    {
        if (state.Current is not { } current)
        {
            return Decision<AgentEvent>.Reject(AgentNotFound, $"agent '{context.EntityId}' is not registered");
        }

        if (state.Status == AgentStatus.Revoked)
        {
            return Decision<AgentEvent>.Reject(Revoked, $"agent '{context.EntityId}' is revoked");
        }

        if (AgentEnvelopes.PayloadDigest(command.Envelope) == current.ManifestDigest)
        {
            return Decision<AgentEvent>.Accept();
        }

        var accepted = Verify(state, command, context, out var refusal);
        if (accepted is null)
        {
            return refusal!;
        }

        var (manifest, envelope, verdict) = accepted.Value;
        var previous = current.Manifest;
        if (state.ManifestIds.Contains(manifest.ManifestId, StringComparer.Ordinal))
        {
            return Decision<AgentEvent>.Reject(ManifestIdReused, $"manifest id '{manifest.ManifestId}' was already used by this agent");
        }

        if (!string.Equals(manifest.PreviousManifestId, previous.ManifestId, StringComparison.Ordinal))
        {
            return Decision<AgentEvent>.Reject(PreviousManifestMismatch,
                $"previous_manifest_id '{manifest.PreviousManifestId}' is not the current manifest '{previous.ManifestId}'");
        }

        if (manifest.IssuedAt <= previous.IssuedAt)
        {
            return Decision<AgentEvent>.Reject(RotationNotNewer, $"issued_at {manifest.IssuedAt:O} is not after the current manifest's {previous.IssuedAt:O}");
        }

        return Decision<AgentEvent>.Accept(new AgentRotated(
            manifest.AgentId, previous.ManifestId, manifest, verdict.ManifestDigest!.Value, AgentEnvelopes.ToText(envelope), command.Authority!.Reference, context.Now));
    }

    // Runs the verifier with the entity's own revocations and checks the manifest is for this entity.
    private static (AgentManifest Manifest, Envelope Envelope, ManifestVerdict Verdict)? Verify(
        AgentState state, AgentCommand command, DecisionContext context, out Decision<AgentEvent>? refusal)
    {
        refusal = null;
        var bytes = Encoding.UTF8.GetBytes(command.Envelope);
        var verdict = AgentManifestVerifier.Verify(bytes, command.Authority, context.Now, state.Revocations);
        if (!verdict.IsValid || verdict.Manifest is not { } manifest)
        {
            refusal = Decision<AgentEvent>.Reject(verdict.Code, verdict.Reason);
            return null;
        }

        if (!string.Equals(manifest.AgentId.ToString(), context.EntityId, StringComparison.Ordinal))
        {
            refusal = Decision<AgentEvent>.Reject(AgentIdMismatch, $"manifest is for agent {manifest.AgentId}, not '{context.EntityId}'");
            return null;
        }

        // The verifier read this document already, so reading it again cannot fail.
        return (manifest, EnvelopeJson.Parse(bytes), verdict);
    }
}
