using ActorTrust.Core.Crypto;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;
using static ActorTrust.Core.Lineage.CheckpointChainErrors;

namespace ActorTrust.Core.Lineage;

/// <summary>
/// Verifies an exported checkpoint chain offline (no node): every envelope signed by a trusted executor key that
/// is the one its payload names, every payload of the agent, genesis parent zero, each parent the previous
/// checkpoint's digest, ticks strictly increasing, epochs never going back, optionally each checkpoint signed by
/// the executor whose tenure its major epoch belongs to, and optionally the head. Stops at the first failure.
/// </summary>
public static class CheckpointChainVerifier
{
    /// <summary>Verifies <paramref name="envelopes"/> (DSSE JSON texts, genesis first) as the lineage of <paramref name="agent"/>.</summary>
    /// <param name="agent">The agent whose lineage this is.</param>
    /// <param name="envelopes">The checkpoint envelopes in chain order, untrusted.</param>
    /// <param name="executorKeys">The executor keys trusted to sign checkpoints (e.g. every executor in the domain's manifest history).</param>
    /// <param name="tenures">The lineage's tenures (<see cref="LineageState.Tenures"/>); null to skip the tenure check.</param>
    /// <param name="expectedHead">The head digest the chain must end at; null to skip (then truncation is not detected).</param>
    public static CheckpointChainVerification Verify(
        SpiffeId agent, IReadOnlyList<string> envelopes, IEnumerable<Ed25519PublicKey> executorKeys, IReadOnlyList<Tenure>? tenures = null, Digest? expectedHead = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(envelopes);
        ArgumentNullException.ThrowIfNull(executorKeys);
        var keys = executorKeys.ToList();
        var verified = new List<VerifiedCheckpoint>(envelopes.Count);
        for (var i = 0; i < envelopes.Count; i++)
        {
            var presented = PresentedCheckpoint.Read(envelopes[i], keys, "a trusted executor key", out var refusal);
            if (presented is null)
            {
                var error = refusal!.Code == LineageRejectionCodes.CheckpointSignatureInvalid ? SignatureInvalid : CheckpointMalformed;
                return Fail(verified, error, i, refusal.Message);
            }

            var previous = verified.Count == 0 ? null : verified[^1];
            var failure = Check(agent, presented, previous, tenures);
            if (failure is { } found)
            {
                return Fail(verified, found.Error, i, found.Detail);
            }

            verified.Add(new VerifiedCheckpoint(i, presented.Digest, presented.Checkpoint, presented.Signer));
        }

        var head = verified.Count == 0 ? Checkpoint.GenesisParent : verified[^1].Digest;
        return expectedHead is { } expected && expected != head
            ? Fail(verified, HeadMismatch, envelopes.Count, $"the chain ends at {head}, not at the expected head {expected}")
            : new CheckpointChainVerification(verified);
    }

    /// <summary>The checkpoint envelopes of a lineage journal, in commit order (what <see cref="Verify"/> takes).</summary>
    public static IReadOnlyList<string> EnvelopesOf(IEnumerable<LineageEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events.OfType<CheckpointCommitted>().Select(c => c.Envelope)];
    }

    private static (string Error, string Detail)? Check(SpiffeId agent, PresentedCheckpoint presented, VerifiedCheckpoint? previous, IReadOnlyList<Tenure>? tenures)
    {
        var c = presented.Checkpoint;
        var tenure = tenures?.LastOrDefault(t => t.Since.Major == c.Epoch.Major);
        return !presented.Signers.Contains(c.ExecutorKeyId) ? (ExecutorKeyMismatch, $"names executor {c.ExecutorKeyId} but was signed by {presented.Signer}")
            : !c.AgentId.Equals(agent) ? (AgentMismatch, $"is a checkpoint of {c.AgentId}, not of {agent}")
            : previous is null && !c.IsGenesis ? (GenesisParentNotZero, $"the first checkpoint's parent is {c.Parent}, not the zero digest")
            : previous is not null && c.Parent != previous.Digest ? (ParentMismatch, $"parent {c.Parent} is not the previous checkpoint {previous.Digest}")
            : previous is not null && c.Tick <= previous.Checkpoint.Tick ? (TickNotIncreasing, $"tick {c.Tick} does not follow tick {previous.Checkpoint.Tick}")
            : previous is not null && c.Budget > previous.Checkpoint.Budget ? (BudgetIncreased, $"budget {c.Budget} is above the previous checkpoint's {previous.Checkpoint.Budget}: budget is only ever spent")
            : previous is not null && c.Epoch < previous.Checkpoint.Epoch ? (EpochRegressed, $"epoch {c.Epoch} is before the previous checkpoint's {previous.Checkpoint.Epoch}")
            : tenures is not null && tenure?.Executor != presented.Signer ? (TenureMismatch, $"signed by {presented.Signer}, but epoch major {c.Epoch.Major} belongs to {tenure?.Executor.ToString() ?? "no tenure"}")
            : null;
    }

    private static CheckpointChainVerification Fail(List<VerifiedCheckpoint> verified, string error, int index, string detail) =>
        new(verified, error, index, detail);
}

/// <summary>One checkpoint that passed <see cref="CheckpointChainVerifier"/>.</summary>
/// <param name="Index">Its position in the chain, from 0.</param>
/// <param name="Digest">Its digest.</param>
/// <param name="Checkpoint">Its payload.</param>
/// <param name="SignerKeyId">The executor key that signed it.</param>
public sealed record VerifiedCheckpoint(int Index, Digest Digest, Checkpoint Checkpoint, Digest SignerKeyId);

/// <summary>The verdict on a checkpoint chain: the checkpoints verified before the first failure, and that failure.</summary>
/// <param name="Verified">The checkpoints that passed, in order.</param>
/// <param name="Error">The error code (<see cref="CheckpointChainErrors"/>), or null when the whole chain verified.</param>
/// <param name="FailedIndex">The index of the failing checkpoint (the chain's length for a head mismatch), or null.</param>
/// <param name="Detail">What was found, for people, or null.</param>
public sealed record CheckpointChainVerification(IReadOnlyList<VerifiedCheckpoint> Verified, string? Error = null, int? FailedIndex = null, string? Detail = null)
{
    /// <summary>True when every checkpoint (and the head, when expected) verified.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsValid => Error is null;
}

/// <summary>The error codes of <see cref="CheckpointChainVerifier"/> (upper snake case, like the other offline verifiers).</summary>
public static class CheckpointChainErrors
{
    /// <summary>An envelope or payload is unreadable, of another type or out of range.</summary>
    public const string CheckpointMalformed = "CHECKPOINT_MALFORMED";

    /// <summary>No signature verifies under a trusted executor key: the checkpoint or its signature was altered, or an outsider signed it.</summary>
    public const string SignatureInvalid = "SIGNATURE_INVALID";

    /// <summary>The payload names another executor key than the one that signed it.</summary>
    public const string ExecutorKeyMismatch = "EXECUTOR_KEY_MISMATCH";

    /// <summary>A checkpoint of another agent.</summary>
    public const string AgentMismatch = "AGENT_MISMATCH";

    /// <summary>The first checkpoint's parent is not the zero digest.</summary>
    public const string GenesisParentNotZero = "GENESIS_PARENT_NOT_ZERO";

    /// <summary>A parent is not the previous checkpoint's digest (removed, inserted or reordered checkpoints).</summary>
    public const string ParentMismatch = "PARENT_MISMATCH";

    /// <summary>A tick does not strictly increase.</summary>
    public const string TickNotIncreasing = "TICK_NOT_INCREASING";

    /// <summary>A checkpoint's budget is above its parent's (budget conservation: remaining budget only ever decreases).</summary>
    public const string BudgetIncreased = "BUDGET_INCREASED";

    /// <summary>An epoch is before the previous checkpoint's.</summary>
    public const string EpochRegressed = "EPOCH_REGRESSED";

    /// <summary>A checkpoint is not signed by the executor whose tenure its major epoch belongs to.</summary>
    public const string TenureMismatch = "TENURE_MISMATCH";

    /// <summary>The chain does not end at the expected head (truncated or extended).</summary>
    public const string HeadMismatch = "HEAD_MISMATCH";
}
