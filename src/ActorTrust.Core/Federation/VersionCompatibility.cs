namespace ActorTrust.Core.Federation;

/// <summary>Which rule decided a compatibility verdict. Written as <c>override</c> or <c>n_minus_one</c>.</summary>
public enum CompatibilityRule
{
    /// <summary>An operator override for the pair of release lines.</summary>
    Override = 1,

    /// <summary>The implicit N-1 rule: same major, minor versions at most one apart.</summary>
    NMinusOne = 2,
}

/// <summary>
/// An operator's decision for one pair of release lines, taking precedence over the N-1 rule (commitment 10:
/// compatibility "without operator intervention" is the default, intervention is allowed).
/// </summary>
/// <param name="Ours">Our release line, <c>MAJOR.MINOR</c>.</param>
/// <param name="Theirs">The peer's release line, <c>MAJOR.MINOR</c>.</param>
/// <param name="Compatible">Whether the pair federates.</param>
/// <param name="Reason">Why the operator decided so (recorded with the verdict).</param>
public sealed record CompatibilityOverride(string Ours, string Theirs, bool Compatible, string Reason);

/// <summary>The outcome of comparing our platform version with a peer's, recorded at every handshake.</summary>
/// <param name="Ours">Our platform version.</param>
/// <param name="Theirs">The peer's platform version.</param>
/// <param name="Compatible">Whether they federate.</param>
/// <param name="Rule">Which rule decided.</param>
/// <param name="Reason">Why, for people.</param>
public sealed record CompatibilityVerdict(string Ours, string Theirs, bool Compatible, CompatibilityRule Rule, string Reason);

/// <summary>
/// N-1 federation compatibility (commitment 10): an operator override for the exact pair of release lines wins;
/// otherwise two versions are compatible when they share the major version and their minor versions differ by
/// at most one, in either direction. Patch, pre-release and build parts never matter.
/// </summary>
public static class VersionCompatibility
{
    /// <summary>Decides whether <paramref name="theirs"/> federates with <paramref name="ours"/>.</summary>
    public static CompatibilityVerdict Evaluate(PlatformVersion ours, PlatformVersion theirs, IReadOnlyList<CompatibilityOverride>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(theirs);
        var chosen = overrides?.FirstOrDefault(o =>
            string.Equals(o.Ours, ours.Line, StringComparison.Ordinal) && string.Equals(o.Theirs, theirs.Line, StringComparison.Ordinal));
        if (chosen is not null)
        {
            return new(ours.Text, theirs.Text, chosen.Compatible, CompatibilityRule.Override,
                $"operator override for {ours.Line} with {theirs.Line}: {chosen.Reason}");
        }

        var delta = Math.Abs((long)ours.Minor - theirs.Minor);
        return ours.Major != theirs.Major
            ? new(ours.Text, theirs.Text, false, CompatibilityRule.NMinusOne, $"major version {theirs.Major} differs from ours ({ours.Major})")
            : delta > 1
                ? new(ours.Text, theirs.Text, false, CompatibilityRule.NMinusOne, $"minor versions {ours.Minor} and {theirs.Minor} are {delta} apart; N-1 allows one")
                : new(ours.Text, theirs.Text, true, CompatibilityRule.NMinusOne, delta == 0 ? "same release line" : "within N-1");
    }

    /// <summary>Returns null when every override names two <c>MAJOR.MINOR</c> lines, at most once per pair, with a reason.</summary>
    public static string? Validate(IReadOnlyList<CompatibilityOverride>? overrides)
    {
        if (overrides is null)
        {
            return null;
        }

        for (var i = 0; i < overrides.Count; i++)
        {
            var o = overrides[i];
            if (o is null || !IsLine(o.Ours) || !IsLine(o.Theirs))
            {
                return $"compatibility_overrides[{i}] must name two MAJOR.MINOR release lines";
            }

            if (FederationText.Reason(o.Reason, $"compatibility_overrides[{i}].reason") is { } reason)
            {
                return reason;
            }

            if (overrides.Take(i).Any(p => p.Ours == o.Ours && p.Theirs == o.Theirs))
            {
                return $"compatibility_overrides[{i}] repeats the pair {o.Ours} / {o.Theirs}";
            }
        }

        return null;
    }

    private static bool IsLine(string? line) =>
        line is not null && PlatformVersion.TryParse(line + ".0", out var version, out _) && version.Line == line;
}
