using ActorTrust.Core.Audit;
using ActorTrust.Core.Envelopes;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Audit;

/// <summary>
/// Reads <see cref="CheckpointStream.PersistenceId"/>: verifies its own chain, then every checkpoint in it
/// (and those the auditor supplied) — signature by a trusted node key, strict format, root over the heads.
/// Verified checkpoints become <see cref="CheckpointClaims"/> for the stream audit; the rest are violations.
/// </summary>
internal sealed class CheckpointAudit(TrustPolicy? policy)
{
    public CheckpointClaims Claims { get; } = new();

    public List<ChainViolation> Violations { get; } = [];

    public int Checked { get; private set; }

    public int Verified { get; private set; }

    public long EventsChecked { get; private set; }

    public async Task RunAsync(IJournal journal, IReadOnlyList<Envelope> known, CancellationToken cancellationToken)
    {
        for (var i = 0; i < known.Count; i++)
        {
            Examine(known[i], $"known checkpoint #{i + 1}", 0);
        }

        var chain = new ChainVerifier(CheckpointStream.PersistenceId);
        var chainBroken = false;
        await foreach (var record in journal.ReadStreamAsync(CheckpointStream.PersistenceId, 1, cancellationToken))
        {
            EventsChecked++;
            if (!chainBroken && chain.Check(record) is { } violation)
            {
                Violations.Add(violation);
                chainBroken = true;
            }

            // A checkpoint's signature stands on its own, so checkpoints after a chain break are still examined.
            Examine(record);
        }
    }

    private void Examine(JournalRecord record)
    {
        if (!string.Equals(record.EventType, CheckpointStream.EventType, StringComparison.Ordinal))
        {
            Checked++;
            Invalid(record.SeqNr, $"event type '{record.EventType}' is not {CheckpointStream.EventType}");
            return;
        }

        Envelope envelope;
        try
        {
            envelope = CheckpointStream.DecodePayload(record.Payload);
        }
        catch (FormatException ex)
        {
            Checked++;
            Invalid(record.SeqNr, ex.Message);
            return;
        }

        Examine(envelope, $"checkpoint at {CheckpointStream.PersistenceId} seq {record.SeqNr}", record.SeqNr);
    }

    private void Examine(Envelope envelope, string source, long seqNr)
    {
        Checked++;
        var verdict = JournalCheckpointEnvelope.Verify(envelope, policy);
        if (verdict.Checkpoint is not { } checkpoint)
        {
            Invalid(seqNr, $"{source}: {verdict.Rejection}: {verdict.Reason}");
            return;
        }

        Verified++;
        Violations.AddRange(Claims.Add(checkpoint, source));
    }

    private void Invalid(long seqNr, string message) =>
        Violations.Add(new ChainViolation(CheckpointStream.PersistenceId, seqNr, ChainViolationKind.CheckpointInvalid, message));
}
