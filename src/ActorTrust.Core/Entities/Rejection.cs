namespace ActorTrust.Core.Entities;

/// <summary>
/// An expected refusal of a command: a stable reason code (e.g. <c>RotationSkipsVersion</c>) that callers and
/// audits can match on, and a sentence for people. Rejections are values, never exceptions.
/// </summary>
/// <param name="Code">Stable, PascalCase reason code.</param>
/// <param name="Message">Human-readable explanation.</param>
public sealed record Rejection(string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
