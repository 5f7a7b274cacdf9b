using ActorTrust.Runtime.Journal;

namespace ActorTrust.TestKit.Journal;

/// <summary>Checks a <see cref="StreamAppend"/> is well formed before anything is written.</summary>
internal static class AppendValidation
{
    public static void Validate(StreamAppend append)
    {
        ArgumentNullException.ThrowIfNull(append);
        if (append.Events.Count == 0)
        {
            throw new ArgumentException($"append to {append.PersistenceId} has no events");
        }

        for (var i = 0; i < append.Events.Count; i++)
        {
            if (append.Events[i].SeqNr != append.ExpectedSeqNr + i + 1)
            {
                throw new ArgumentException($"append to {append.PersistenceId}: event {i} has seq {append.Events[i].SeqNr}, expected {append.ExpectedSeqNr + i + 1}");
            }

            if (i > 0 && append.Events[i].PrevHash != append.Events[i - 1].Hash)
            {
                throw new ArgumentException($"append to {append.PersistenceId}: event {i} does not link to event {i - 1}");
            }
        }
    }
}
