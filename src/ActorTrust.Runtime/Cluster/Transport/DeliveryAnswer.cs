using System.Text.Json;

namespace ActorTrust.Runtime.Cluster.Transport;

/// <summary>What the receiver did with one envelope.</summary>
public enum DeliveryStatus
{
    /// <summary>The entity ran the command; <see cref="DeliveryAnswer.Result"/> holds its outcome.</summary>
    Delivered,

    /// <summary>The receiver does not serve the shard (no lease, past its local deadline, or handing off); maybe a hint.</summary>
    NotOwner,

    /// <summary>The envelope named another incarnation of the receiver (it restarted): refresh membership and resend.</summary>
    WrongIncarnation,

    /// <summary>A bounded buffer or mailbox on the receiver was full; nothing ran (I9).</summary>
    Overloaded,

    /// <summary>The command could not be run (bad payload, unknown kind, entity failure); see the reason.</summary>
    Failed,
}

/// <summary>The receiver's answer to one envelope.</summary>
/// <param name="MsgId">The envelope's message id.</param>
/// <param name="Status">What happened.</param>
/// <param name="Result">The encoded command result when <see cref="DeliveryStatus.Delivered"/>.</param>
/// <param name="OwnerHint">For <see cref="DeliveryStatus.NotOwner"/>: the node the receiver believes owns the shard, if any.</param>
/// <param name="Reason">For <see cref="DeliveryStatus.Failed"/> (and informational otherwise): why.</param>
public sealed record DeliveryAnswer(string MsgId, DeliveryStatus Status, JsonElement? Result = null, string? OwnerHint = null, string? Reason = null)
{
    /// <summary>The command ran; <paramref name="result"/> is its encoded outcome.</summary>
    public static DeliveryAnswer Delivered(string msgId, JsonElement result) => new(msgId, DeliveryStatus.Delivered, Result: result);

    /// <summary>This node does not serve the shard.</summary>
    public static DeliveryAnswer NotOwner(string msgId, string? hint) => new(msgId, DeliveryStatus.NotOwner, OwnerHint: hint);

    /// <summary>The envelope was meant for another incarnation.</summary>
    public static DeliveryAnswer WrongIncarnation(string msgId, string self) => new(msgId, DeliveryStatus.WrongIncarnation, Reason: $"this node is {self}");

    /// <summary>A bounded buffer was full.</summary>
    public static DeliveryAnswer Overloaded(string msgId, string reason) => new(msgId, DeliveryStatus.Overloaded, Reason: reason);

    /// <summary>The command could not be run.</summary>
    public static DeliveryAnswer Failed(string msgId, string reason) => new(msgId, DeliveryStatus.Failed, Reason: reason);
}
