namespace ActorTrust.Core.Sessions;

/// <summary>The policy decision on a tool call (cMCP's <c>policy_decision</c> values), written in snake_case.</summary>
public enum ToolDecision
{
    /// <summary>The call was allowed.</summary>
    Allow = 1,

    /// <summary>The call was denied.</summary>
    Deny = 2,

    /// <summary>The call was allowed with its data redacted.</summary>
    Redact = 3,

    /// <summary>The policy would deny but runs in advisory mode.</summary>
    AdvisoryDeny = 4,

    /// <summary>The call needs stronger authentication first.</summary>
    StepUp = 5,

    /// <summary>The decision was deferred (e.g. to a human).</summary>
    Defer = 6,

    /// <summary>The policy engine failed.</summary>
    Fault = 7,
}

/// <summary>One tool call as the transcript keeps it: privacy-preserving, only what was called on which data class and the decision.</summary>
/// <param name="Tool">The tool name.</param>
/// <param name="DataClass">The data class of the call.</param>
/// <param name="Decision">The policy decision.</param>
public sealed record ToolCall(string Tool, string DataClass, ToolDecision Decision)
{
    /// <summary>The longest tool name or data class accepted.</summary>
    public const int MaxLength = 256;

    /// <summary>Returns null when the call is well-formed, else the rule it breaks.</summary>
    public string? Validate() =>
        Bad(Tool) ? $"tool must be 1 to {MaxLength} characters without control characters"
        : Bad(DataClass) ? $"data_class must be 1 to {MaxLength} characters without control characters"
        : Enum.IsDefined(Decision) ? null : $"decision {Decision} is not defined";

    private static bool Bad(string? text) => string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Any(char.IsControl);
}
