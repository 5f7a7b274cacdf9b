using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Tests.Identity;

public sealed class SpiffeIdComparisonTests
{
    [Fact]
    public void Equal_text_is_the_same_id()
    {
        var a = SpiffeId.Parse("spiffe://example.org/Workload");
        var b = SpiffeId.Parse("spiffe://example.org/Workload");

        (a == b).ShouldBeTrue();
        a.Equals(b).ShouldBeTrue();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.CompareTo(b).ShouldBe(0);
    }

    [Fact]
    public void Path_comparison_is_case_sensitive()
    {
        var upper = SpiffeId.Parse("spiffe://example.org/Workload");
        var lower = SpiffeId.Parse("spiffe://example.org/workload");

        (upper != lower).ShouldBeTrue();
        upper.Equals(lower).ShouldBeFalse();
    }

    [Fact]
    public void Ordering_is_ordinal_so_uppercase_sorts_before_lowercase()
    {
        var ids = new[] { "spiffe://b.org", "spiffe://a.org/z", "spiffe://a.org/Z", "spiffe://a.org" }
            .Select(SpiffeId.Parse)
            .Order()
            .Select(id => id.ToString());

        ids.ShouldBe(["spiffe://a.org", "spiffe://a.org/Z", "spiffe://a.org/z", "spiffe://b.org"]);
    }

    [Fact]
    public void Operators_agree_with_CompareTo()
    {
        var a = SpiffeId.Parse("spiffe://a.org");
        var b = SpiffeId.Parse("spiffe://b.org");

        (a < b).ShouldBeTrue();
        (a <= b).ShouldBeTrue();
        (b > a).ShouldBeTrue();
        (b >= a).ShouldBeTrue();
        (a > b).ShouldBeFalse();
        (a < null).ShouldBeFalse();
        (null < a).ShouldBeTrue();
    }
}
