using System.Text.Json;

namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>
/// One command on its way to the node that owns its shard (engines.md §8.3 "Routing and messaging").
/// Envelopes travel in batches (<see cref="DeliveryBatch"/>); each gets its own <see cref="DeliveryAnswer"/>.
/// </summary>
/// <param name="MsgId">Unique per attempt; the answer carries it back.</param>
/// <param name="FromNode">The sender, <c>host:port:incarnation</c>.</param>
/// <param name="ToNode">
/// The receiver the sender believes owns the shard, with its incarnation. A receiver of another incarnation answers
/// <see cref="DeliveryStatus.WrongIncarnation"/>, so a restarted process never runs commands meant for its predecessor.
/// </param>
/// <param name="Kind">Entity kind (<c>domain</c>, <c>agent</c>, ...).</param>
/// <param name="Shard">The shard of <paramref name="EntityId"/> as the sender computed it; the receiver checks it (I10).</param>
/// <param name="EntityId">The entity.</param>
/// <param name="CommandId">The command id: the entity de-duplicates retries by it, so a resend after a lost answer writes nothing twice.</param>
/// <param name="TimeLeft">
/// The command's deadline, carried as the time left when sent rather than as a wall-clock instant: node clocks may be
/// skewed (engines.md §8.6 test 14) and only the sender's monotonic clock decides when the command has timed out.
/// </param>
/// <param name="PayloadType">The concrete command type name; the receiver accepts only subtypes of the kind's command base.</param>
/// <param name="Payload">The command as JSON (the kind's <c>CommandCodec</c>).</param>
public sealed record ClusterEnvelope(
    string MsgId,
    string FromNode,
    string ToNode,
    string Kind,
    int Shard,
    string EntityId,
    string CommandId,
    TimeSpan TimeLeft,
    string PayloadType,
    JsonElement Payload);

/// <summary>The body of one <c>POST /rt/v1/deliver</c>: envelopes for one receiver.</summary>
/// <param name="Envelopes">The envelopes, answered in the same order.</param>
public sealed record DeliveryBatch(IReadOnlyList<ClusterEnvelope> Envelopes);

/// <summary>The answer to a <see cref="DeliveryBatch"/>: one answer per envelope, in order.</summary>
/// <param name="Answers">The answers.</param>
public sealed record DeliveryReply(IReadOnlyList<DeliveryAnswer> Answers);
