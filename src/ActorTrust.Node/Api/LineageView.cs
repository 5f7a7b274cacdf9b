using ActorTrust.Core.Lineage;

namespace ActorTrust.Node.Api;

/// <summary>The JSON shapes of a lineage for API answers: the operator snapshot at a time, and the chain.</summary>
internal static class LineageView
{
    public static object Of(LineageState state, long version, DateTimeOffset now) => new
    {
        entity_version = version,
        snapshot = state.SnapshotAt(now),
        head = state.HeadDigest.ToString(),
        epoch = state.Epoch,
        chain_length = state.Chain.Count,
    };

    public static object ChainOf(LineageState state, long version) => new
    {
        entity_version = version,
        head = state.HeadDigest.ToString(),
        checkpoints = state.Chain.Select(c => new
        {
            digest = c.Digest.ToString(),
            tick = c.Checkpoint.Tick,
            epoch = c.Checkpoint.Epoch,
            executor_key_id = c.Checkpoint.ExecutorKeyId.ToString(),
            committed_at = c.CommittedAt,
        }),
        tenures = state.Tenures,
    };
}
