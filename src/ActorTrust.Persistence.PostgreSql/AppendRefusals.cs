using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>The refusal outcomes of an append, worded the same whichever path (client-side or server-side checks) decided.</summary>
internal static class AppendRefusals
{
    public static AppendOutcome NoLeaseRow(StreamAppend append, string kind, int shard) => Refused(append, AppendStatus.Fenced,
        $"shard {kind}/{shard} has no lease row; writer {append.Writer.Node} token {append.Writer.FencingToken}");

    public static AppendOutcome HeldByOther(StreamAppend append, string kind, int shard, string? owner, long token) => Refused(append, AppendStatus.Fenced,
        $"shard {kind}/{shard} is held by {owner ?? "nobody"} with token {token}; writer {append.Writer.Node} has token {append.Writer.FencingToken}");

    public static AppendOutcome NotAtExpectedSeq(StreamAppend append, long lastSeq) => Refused(append, AppendStatus.SequenceConflict,
        $"stream is at seq {lastSeq}; the writer expected {append.ExpectedSeqNr}");

    public static AppendOutcome PrevHashMismatch(StreamAppend append, long lastSeq, Digest lastHash) => Refused(append, AppendStatus.SequenceConflict,
        $"prev_hash {append.Events[0].PrevHash} of seq {lastSeq + 1} does not match the stream head {lastHash}");

    public static AppendOutcome OlderWriterToken(StreamAppend append, long lastToken) => Refused(append, AppendStatus.Fenced,
        $"writer token {append.Writer.FencingToken} is older than the stream's last writer token {lastToken}");

    private static AppendOutcome Refused(StreamAppend append, AppendStatus status, string detail) => new(append.PersistenceId, status, [], detail);
}
