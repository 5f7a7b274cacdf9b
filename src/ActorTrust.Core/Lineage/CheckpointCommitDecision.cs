using ActorTrust.Core.Entities;
using ActorTrust.Core.Identity;
using static ActorTrust.Core.Lineage.LineageRejectionCodes;
using static ActorTrust.Core.Lineage.LineageRules;

namespace ActorTrust.Core.Lineage;

/// <summary>
/// Decides <see cref="CommitCheckpoint"/>. The envelope is authenticated against the roster's executor keys
/// (unauthenticated input is refused without recording). A checkpoint already in the chain is a duplicate
/// (accepted, no events). One signed by an executor that may not commit — another agent's, mislabelled, from a
/// superseded tenure, by a non-owner, or at an ungranted epoch — is refused and recorded with both checkpoints as
/// evidence. The owner's checkpoint must then extend the head (parent = head, tick above the head's) under a valid
/// lease; if it does not, the lineage has diverged: recorded, and the lineage enters RecoveryRequired. Last, budget
/// conservation: a checkpoint's budget (what remains) may not exceed its parent's — budget is only ever spent, across
/// handoffs and recoveries too; a checkpoint that mints budget is refused and recorded with both checkpoints.
/// </summary>
internal static class CheckpointCommitDecision
{
    internal static Decision<LineageEvent> Decide(LineageState state, CommitCheckpoint command, SpiffeId agent, DateTimeOffset now)
    {
        if (state.Status == AuthorityStatus.Unassigned)
        {
            return Reject(NotAssigned, "no executor holds authority over this lineage yet");
        }

        if (CheckRoster(state, command.Roster, agent, now) is { } badRoster)
        {
            return Reject(badRoster);
        }

        if (PresentedCheckpoint.Read(command.Envelope, command.Roster, out var unreadable) is not { } presented)
        {
            return Reject(unreadable!);
        }

        var checkpoint = presented.Checkpoint;
        var extendsHead = checkpoint.Parent == state.HeadDigest;
        if (!extendsHead && state.Chain.Exists(c => c.Digest == presented.Digest))
        {
            return Decision<LineageEvent>.Accept();
        }

        if (AlreadyRecorded(state, presented.Digest) is { } again)
        {
            return again;
        }

        var epoch = state.Epoch!;
        var violation = Classify(state, presented, agent);
        if (violation is { } found)
        {
            return Decision<LineageEvent>.RejectAndRecord(found.Kind.ToString(), found.Detail, Violation(state, presented, found, command.Roster, now));
        }

        var refusal = (checkpoint.Epoch < epoch ? new Rejection(EpochMismatch, $"epoch {checkpoint.Epoch} was superseded by the owner's renewal to {epoch}") : null)
            ?? RequireStatus(state, AuthorityStatus.ActiveOwner, AuthorityNotActive)
            ?? RequireValidLease(state, now);
        if (refusal is not null)
        {
            return Reject(refusal);
        }

        if (!extendsHead || (state.Head is { } head && checkpoint.Tick <= head.Checkpoint.Tick))
        {
            var divergence = (ViolationKind.Divergence, $"checkpoint {presented.Digest} (tick {checkpoint.Tick}, parent {checkpoint.Parent}) does not extend the head {state.HeadDigest} (tick {state.Head?.Checkpoint.Tick})");
            return Decision<LineageEvent>.RejectAndRecord(Divergence, divergence.Item2,
                Violation(state, presented, divergence, command.Roster, now),
                new LineageRecoveryRequired(RecoveryReason.Divergence, divergence.Item2, epoch, now, Divergence));
        }

        if (state.Head is { } parent && checkpoint.Budget > parent.Checkpoint.Budget)
        {
            var minted = (ViolationKind.BudgetIncreased, $"checkpoint {presented.Digest} claims budget {checkpoint.Budget}, above its parent's {parent.Checkpoint.Budget}: budget is only ever spent");
            return Decision<LineageEvent>.RejectAndRecord(BudgetIncreased, minted.Item2, Violation(state, presented, minted, command.Roster, now));
        }

        return Decision<LineageEvent>.Accept(new CheckpointCommitted(presented.Digest, checkpoint, presented.Envelope, command.Roster.Reference, now));
    }

    private static (ViolationKind Kind, string Detail)? Classify(LineageState state, PresentedCheckpoint presented, SpiffeId agent)
    {
        var (checkpoint, epoch) = (presented.Checkpoint, state.Epoch!);
        return !presented.Signers.Contains(checkpoint.ExecutorKeyId) ? (ViolationKind.ExecutorKeyMismatch, $"the checkpoint names executor {checkpoint.ExecutorKeyId} but was signed by {presented.Signer}")
            : !checkpoint.AgentId.Equals(agent) ? (ViolationKind.ForeignAgent, $"a checkpoint of {checkpoint.AgentId} was presented to the lineage of {agent}")
            : checkpoint.Epoch.Major < epoch.Major ? (ViolationKind.SupersededEpoch, $"epoch {checkpoint.Epoch} was superseded by epoch {epoch}")
            : presented.Signer != state.Owner ? (ViolationKind.WrongExecutor, $"executor {presented.Signer} is not the owner {state.Owner}")
            : checkpoint.Epoch > epoch ? (ViolationKind.UngrantedEpoch, $"epoch {checkpoint.Epoch} was never granted; the current epoch is {epoch}")
            : null;
    }

    private static AuthorityViolated Violation(
        LineageState state, PresentedCheckpoint presented, (ViolationKind Kind, string Detail) found, ExecutorRoster roster, DateTimeOffset now)
    {
        var checkpoint = presented.Checkpoint;
        var conflicting = state.Chain.Find(c => c.Digest != presented.Digest && (c.Checkpoint.Parent == checkpoint.Parent || c.Checkpoint.Tick == checkpoint.Tick))
            ?? state.Head;
        return new AuthorityViolated(found.Kind, found.Detail, presented.Signer, presented.Digest, checkpoint.Epoch, state.Epoch!, roster.Reference, now,
            presented.AsEvidence(), conflicting);
    }
}
