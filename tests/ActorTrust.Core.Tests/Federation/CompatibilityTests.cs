using ActorTrust.Core.Federation;

namespace ActorTrust.Core.Tests.Federation;

public sealed class CompatibilityTests
{
    /// <summary>The N-1 matrix around ours = 2.5.x: same major and minor delta at most one, either way.</summary>
    [Theory]
    [InlineData("2.5.0", "2.5.9", true)]
    [InlineData("2.5.3", "2.4.0", true)]
    [InlineData("2.5.3", "2.6.1", true)]
    [InlineData("2.5.3", "2.3.7", false)]
    [InlineData("2.5.3", "2.7.0", false)]
    [InlineData("2.5.3", "1.5.3", false)]
    [InlineData("2.5.3", "3.5.3", false)]
    [InlineData("2.0.0", "1.9.0", false)]
    [InlineData("2.0.0", "2.1.0-rc.1", true)]
    [InlineData("0.1.0", "0.2.0+build.7", true)]
    public void N_minus_one_compatibility_needs_the_same_major_and_a_minor_delta_of_at_most_one(string ours, string theirs, bool compatible)
    {
        var verdict = VersionCompatibility.Evaluate(V(ours), V(theirs));

        verdict.Compatible.ShouldBe(compatible, verdict.Reason);
        verdict.Rule.ShouldBe(CompatibilityRule.NMinusOne);
        verdict.Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void An_operator_override_for_the_exact_pair_of_lines_wins_both_ways()
    {
        CompatibilityOverride[] overrides =
        [
            new("2.5", "2.3", true, "2.3 backported the 2.4 wire format"),
            new("2.5", "2.4", false, "2.4.x corrupts sync cursors"),
        ];

        var allowed = VersionCompatibility.Evaluate(V("2.5.1"), V("2.3.9"), overrides);
        var denied = VersionCompatibility.Evaluate(V("2.5.1"), V("2.4.0"), overrides);
        var untouched = VersionCompatibility.Evaluate(V("2.5.1"), V("2.6.0"), overrides);

        (allowed.Compatible, allowed.Rule).ShouldBe((true, CompatibilityRule.Override));
        allowed.Reason.ShouldContain("backported");
        (denied.Compatible, denied.Rule).ShouldBe((false, CompatibilityRule.Override));
        (untouched.Compatible, untouched.Rule).ShouldBe((true, CompatibilityRule.NMinusOne));
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("1")]
    [InlineData("1.0")]
    [InlineData("01.2.3")]
    [InlineData("1.2.3.4")]
    [InlineData("1.2.3\n")]
    [InlineData("1.2.٣")]
    [InlineData("1.2.3-")]
    [InlineData("")]
    public void Versions_that_are_not_exactly_semver_are_refused_not_read_as_zero(string text)
    {
        PlatformVersion.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
    }

    [Fact]
    public void Overrides_must_name_release_lines_once_each_with_a_reason()
    {
        VersionCompatibility.Validate([new("2.5", "2.3", true, "why")]).ShouldBeNull();
        VersionCompatibility.Validate([new("2.5.0", "2.3", true, "why")]).ShouldNotBeNull();
        VersionCompatibility.Validate([new("2.5", "v2", true, "why")]).ShouldNotBeNull();
        VersionCompatibility.Validate([new("2.5", "2.3", true, "")]).ShouldNotBeNull();
        VersionCompatibility.Validate([new("2.5", "2.3", true, "a"), new("2.5", "2.3", false, "b")]).ShouldNotBeNull();
    }

    private static PlatformVersion V(string text) => PlatformVersion.TryParse(text, out var v, out var e) ? v : throw new ArgumentException(e);
}
