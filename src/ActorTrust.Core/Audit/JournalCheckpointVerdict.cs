namespace ActorTrust.Core.Audit;

/// <summary>
/// The outcome of verifying a signed journal checkpoint: either the checkpoint and the trusted key ids that
/// signed it, or a rejection with a reason.
/// </summary>
public sealed record JournalCheckpointVerdict
{
    private JournalCheckpointVerdict(JournalCheckpoint? checkpoint, IReadOnlyList<string> signerKeyIds, JournalCheckpointRejection? rejection, string? reason)
    {
        Checkpoint = checkpoint;
        SignerKeyIds = signerKeyIds;
        Rejection = rejection;
        Reason = reason;
    }

    /// <summary>True when a trusted node key signed a well-formed checkpoint whose root matches its heads.</summary>
    public bool IsVerified => Rejection is null;

    /// <summary>The verified checkpoint, or null when refused.</summary>
    public JournalCheckpoint? Checkpoint { get; }

    /// <summary>The trusted key ids whose signatures verified (possibly some even when refused for another reason).</summary>
    public IReadOnlyList<string> SignerKeyIds { get; }

    /// <summary>Why it was refused, or null.</summary>
    public JournalCheckpointRejection? Rejection { get; }

    /// <summary>A sentence saying why it was refused, or null.</summary>
    public string? Reason { get; }

    internal static JournalCheckpointVerdict Verified(JournalCheckpoint checkpoint, IReadOnlyList<string> signerKeyIds) =>
        new(checkpoint, signerKeyIds, null, null);

    internal static JournalCheckpointVerdict Refused(JournalCheckpointRejection rejection, string reason, IReadOnlyList<string>? signerKeyIds = null) =>
        new(null, signerKeyIds ?? [], rejection, reason);
}
