namespace ActorTrust.Core.Audit;

/// <summary>Why a journal checkpoint was refused.</summary>
public enum JournalCheckpointRejection
{
    /// <summary>No trusted node key signed the envelope.</summary>
    UntrustedSignature,

    /// <summary>The envelope is signed, but not as <c>PayloadTypes.JournalCheckpoint</c>.</summary>
    WrongPayloadType,

    /// <summary>The payload is not canonical JSON of the checkpoint shape (unknown, missing or invalid members).</summary>
    Malformed,

    /// <summary>The heads are not in strictly increasing ordinal order of persistence id.</summary>
    HeadsNotSorted,

    /// <summary><c>stream_count</c> is not the number of heads.</summary>
    StreamCountMismatch,

    /// <summary><c>heads_root</c> is not the Merkle root over the heads (a forged or altered head or root).</summary>
    RootMismatch,
}

/// <summary>A checkpoint payload broke one of the format rules; <see cref="Rejection"/> says which.</summary>
public sealed class JournalCheckpointFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public JournalCheckpointFormatException(JournalCheckpointRejection rejection, string message, Exception? innerException = null)
        : base(message, innerException) => Rejection = rejection;

    /// <summary>The rule that failed.</summary>
    public JournalCheckpointRejection Rejection { get; }
}
