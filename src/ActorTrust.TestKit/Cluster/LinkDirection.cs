namespace ActorTrust.TestKit.Cluster;

/// <summary>Which traffic between two nodes a fault applies to, seen from the first node named.</summary>
public enum LinkDirection
{
    /// <summary>Traffic the first node sends to the second (its requests are lost).</summary>
    Send,

    /// <summary>Traffic the second node sends to the first (the first node's answers are lost after the work is done).</summary>
    Receive,

    /// <summary>Both ways.</summary>
    Both,
}
