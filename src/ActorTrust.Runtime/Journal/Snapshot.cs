using ActorTrust.Core.Hashing;

namespace ActorTrust.Runtime.Journal;

/// <summary>
/// A saved state of one stream at <see cref="SeqNr"/>, with the chain hash of that event so recovery can
/// continue verifying the chain from the snapshot.
/// </summary>
/// <param name="PersistenceId">The stream.</param>
/// <param name="SeqNr">The last event folded into the state.</param>
/// <param name="Hash">The chain hash of event <see cref="SeqNr"/>.</param>
/// <param name="WriterToken">The writer token of event <see cref="SeqNr"/>.</param>
/// <param name="StateType">The state's type name, for safety when reading it back.</param>
/// <param name="Payload">The state's JSON bytes.</param>
/// <param name="CreatedAt">When the snapshot was taken.</param>
public sealed record Snapshot(string PersistenceId, long SeqNr, Digest Hash, long WriterToken, string StateType, byte[] Payload, DateTimeOffset CreatedAt);
