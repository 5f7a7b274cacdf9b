namespace ActorTrust.Core.Lineage;

/// <summary>The shape checks every lineage command passes before it is decided (a failure is <see cref="LineageRejectionCodes.CommandInvalid"/>).</summary>
internal static class LineageCommandChecks
{
    /// <summary>The longest operator name accepted.</summary>
    internal const int MaxOperatorLength = 256;

    internal static string? Validate(LineageCommand command) => command switch
    {
        GrantAuthority c => Roster(c.Roster) ?? Operator(c.Operator) ?? Authentication(c.OperatorAuthentication) ?? c.Settings?.Validate(),
        RenewLease c => Epoch(c.Epoch) ?? Roster(c.Roster) ?? c.Settings?.Validate(),
        CommitCheckpoint c => c.Envelope is null ? "envelope is missing" : Roster(c.Roster),
        BeginHandoff c => Epoch(c.Epoch) ?? Roster(c.Roster),
        AbortHandoff c => Epoch(c.Epoch),
        ReportTransferSent c => Epoch(c.Epoch) ?? c.Settings?.Validate(),
        ConfirmHandoff c => Roster(c.Roster) ?? c.Settings?.Validate(),
        Recover c => Roster(c.Roster) ?? Operator(c.Operator) ?? Authentication(c.OperatorAuthentication) ?? c.Settings?.Validate(),
        Retire c => Operator(c.Operator) ?? Authentication(c.OperatorAuthentication),
        AuthorizeSideEffect c => Epoch(c.Epoch) ?? Roster(c.Roster),
        _ => null,
    };

    private static string? Epoch(Epoch? epoch) => epoch is null ? "epoch is missing" : epoch.Validate();

    private static string? Roster(ExecutorRoster? roster) => roster is null ? "roster is missing" : null;

    private static string? Operator(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "operator is missing"
        : name.Length > MaxOperatorLength ? $"operator is longer than {MaxOperatorLength} characters"
        : name.Any(char.IsControl) ? "operator holds control characters"
        : null;

    // How the operator was authenticated: absent, or a short lowercase word (token, certificate, insecure).
    private static string? Authentication(string? method) =>
        method is null || (method.Length is > 0 and <= 32 && method.All(c => c is (>= 'a' and <= 'z') or '-'))
            ? null
            : "operator_authentication must be 1 to 32 lowercase letters or '-'";
}
