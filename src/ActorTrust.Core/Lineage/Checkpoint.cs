using System.Text.Json.Serialization;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Lineage;

/// <summary>
/// Checkpoint v1: one committed state boundary in an agent's lineage, signed by the executor that holds authority
/// (never by the agent's own key, which does not travel between executors). Signed as a DSSE envelope of type
/// <see cref="Envelopes.PayloadTypes.Checkpoint"/> over its canonical (RFC 8785) bytes; its digest is
/// <c>sha256:</c> of exactly those bytes (<see cref="DigestOf"/>), and the next checkpoint names it as
/// <paramref name="Parent"/>, so the lineage is a hash chain.
/// </summary>
/// <param name="Schema">Always <see cref="SchemaV1"/>.</param>
/// <param name="AgentId">The agent whose lineage this is.</param>
/// <param name="Tick">The agent's tick at this boundary; strictly increasing along the chain, from 0.</param>
/// <param name="Parent">The previous checkpoint's digest; <see cref="Digest.Zero"/> for the genesis checkpoint.</param>
/// <param name="StateDigest">The digest of the agent's state at this boundary.</param>
/// <param name="Epoch">The authority epoch the executor holds.</param>
/// <param name="Budget">The agent's remaining budget (in the deployment's smallest unit), not negative.</param>
/// <param name="ExecutorKeyId">The key id of the executor that signs the checkpoint.</param>
public sealed record Checkpoint(
    string Schema,
    SpiffeId AgentId,
    long Tick,
    Digest Parent,
    Digest StateDigest,
    Epoch Epoch,
    long Budget,
    Digest ExecutorKeyId)
{
    /// <summary>The schema identifier of this format.</summary>
    public const string SchemaV1 = "actortrust.checkpoint/v1";

    /// <summary>The parent of a genesis checkpoint: the all-zero digest.</summary>
    public static Digest GenesisParent => Digest.Zero;

    /// <summary>True for the first checkpoint of a lineage (its parent is <see cref="GenesisParent"/>).</summary>
    [JsonIgnore]
    public bool IsGenesis => Parent == GenesisParent;

    /// <summary>A checkpoint's digest: <c>sha256:</c> of its exact payload bytes.</summary>
    public static Digest DigestOf(ReadOnlySpan<byte> payload) => Digest.Sha256(payload);

    /// <summary>Returns null when the fields are in range (tick and budget not negative, a valid epoch), else why not.</summary>
    public string? Validate() =>
        AgentId is null ? "agent_id is missing"
        : Tick < 0 ? $"tick must not be negative, got {Tick}"
        : Budget < 0 ? $"budget must not be negative, got {Budget}"
        : Epoch is null ? "epoch is missing"
        : Epoch.Validate();
}
