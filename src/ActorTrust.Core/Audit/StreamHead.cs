using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Audit;

/// <summary>Where one event stream ended when a journal checkpoint was taken: its last sequence number and chain hash.</summary>
/// <param name="PersistenceId">The stream, <c>&lt;kind&gt;|&lt;id&gt;</c>.</param>
/// <param name="SeqNr">The stream's last sequence number (at least 1).</param>
/// <param name="Hash">The chain hash of the event at <paramref name="SeqNr"/>.</param>
public sealed record StreamHead(string PersistenceId, long SeqNr, Digest Hash)
{
    /// <summary>
    /// The Merkle leaf this head contributes to <see cref="JournalCheckpoint.HeadsRoot"/>:
    /// <c>JCS({"hash","persistence_id","seq_nr"})</c>.
    /// </summary>
    public byte[] ToLeaf() => ActorTrustJson.ToCanonicalBytes(this);
}
