namespace ActorTrust.Runtime.Cluster;

/// <summary>What an indirect probe (engines.md §5.1) learned about its target.</summary>
public enum IndirectProbeResult
{
    /// <summary>The intermediary did not answer: no evidence either way.</summary>
    NoAnswer,

    /// <summary>The intermediary answered that the target did not answer it either.</summary>
    NotReached,

    /// <summary>The intermediary reached the target: the target is alive, only the direct path failed.</summary>
    Reached,
}
