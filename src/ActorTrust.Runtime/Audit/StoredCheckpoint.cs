using ActorTrust.Core.Audit;
using ActorTrust.Core.Envelopes;

namespace ActorTrust.Runtime.Audit;

/// <summary>A checkpoint that was signed and appended to <see cref="CheckpointStream.PersistenceId"/>.</summary>
/// <param name="Checkpoint">What was signed.</param>
/// <param name="Envelope">The signed envelope (worth keeping outside the journal too).</param>
/// <param name="SeqNr">Its sequence number in the checkpoint stream.</param>
/// <param name="GlobalPosition">The global position of the stored event.</param>
public sealed record StoredCheckpoint(JournalCheckpoint Checkpoint, Envelope Envelope, long SeqNr, long GlobalPosition);
