using ActorTrust.Runtime.Journal;

namespace ActorTrust.Persistence.Sqlite;

/// <summary>
/// Checks that a batch is well formed before anything is written: each <see cref="StreamAppend"/> has events
/// numbered <c>ExpectedSeqNr + 1, + 2, ...</c>, each linked to the one before by its <c>PrevHash</c>.
/// A malformed batch is a writer bug, so it is an <see cref="ArgumentException"/>, not an outcome.
/// </summary>
internal static class AppendValidation
{
    public static void Validate(IReadOnlyList<StreamAppend> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (var i = 0; i < batch.Count; i++)
        {
            var append = batch[i] ?? throw new ArgumentException($"batch entry {i} is null", nameof(batch));
            Validate(append, i);
        }
    }

    private static void Validate(StreamAppend append, int index)
    {
        if (string.IsNullOrEmpty(append.PersistenceId))
        {
            throw new ArgumentException($"batch entry {index} has no persistence id", "batch");
        }

        if (append.ExpectedSeqNr < 0)
        {
            throw new ArgumentException($"{Where(append, index)}: expected seq {append.ExpectedSeqNr} is negative", "batch");
        }

        if (append.Writer is null || string.IsNullOrEmpty(append.Writer.Node))
        {
            throw new ArgumentException($"{Where(append, index)}: no writer node", "batch");
        }

        if (append.Events is null || append.Events.Count == 0)
        {
            throw new ArgumentException($"{Where(append, index)}: no events", "batch");
        }

        for (var i = 0; i < append.Events.Count; i++)
        {
            var e = append.Events[i] ?? throw new ArgumentException($"{Where(append, index)}: event {i} is null", "batch");
            var expectedSeq = append.ExpectedSeqNr + 1 + i;
            if (e.SeqNr != expectedSeq)
            {
                throw new ArgumentException($"{Where(append, index)}: event {i} has seq {e.SeqNr}; expected {expectedSeq} (events must follow the expected seq without gaps)", "batch");
            }

            if (i > 0 && e.PrevHash != append.Events[i - 1].Hash)
            {
                throw new ArgumentException($"{Where(append, index)}: event seq {e.SeqNr} has prev_hash {e.PrevHash}, not the previous event's hash {append.Events[i - 1].Hash}", "batch");
            }

            if (string.IsNullOrEmpty(e.EventType) || e.Payload is null || e.CommandId is null)
            {
                throw new ArgumentException($"{Where(append, index)}: event seq {e.SeqNr} lacks an event type, payload or command id", "batch");
            }
        }
    }

    // Only built for an error message, not for every valid append.
    private static string Where(StreamAppend append, int index) => $"batch entry {index} ({append.PersistenceId})";
}
