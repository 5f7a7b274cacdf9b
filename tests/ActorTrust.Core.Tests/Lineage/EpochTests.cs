using ActorTrust.Core.Json;
using ActorTrust.Core.Lineage;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Core.Tests.Lineage;

public sealed class EpochTests
{
    [Fact]
    public void Later_major_supersedes_any_generation_of_an_earlier_major()
    {
        new Epoch(2, 0).Supersedes(new Epoch(1, 99)).ShouldBeTrue();
        new Epoch(1, 99).Supersedes(new Epoch(2, 0)).ShouldBeFalse();
    }

    [Fact]
    public void Within_a_major_the_later_generation_supersedes()
    {
        new Epoch(1, 1).Supersedes(new Epoch(1, 0)).ShouldBeTrue();
        new Epoch(1, 0).Supersedes(new Epoch(1, 0)).ShouldBeFalse();
    }

    [Fact]
    public void Renewal_bumps_the_generation_and_transfer_bumps_the_major_and_resets_the_generation()
    {
        new Epoch(3, 4).NextGeneration().ShouldBe(new Epoch(3, 5));
        new Epoch(3, 4).NextMajor().ShouldBe(new Epoch(4, 0));
        Epoch.First.ShouldBe(new Epoch(1, 0));
    }

    [Fact]
    public void Epoch_with_major_below_one_or_negative_generation_is_invalid()
    {
        new Epoch(0, 0).Validate().ShouldNotBeNull();
        new Epoch(1, -1).Validate().ShouldNotBeNull();
        new Epoch(1, 0).Validate().ShouldBeNull();
    }

    [Fact]
    public void Epoch_is_written_as_major_and_generation()
    {
        System.Text.Encoding.UTF8.GetString(ActorTrustJson.ToCanonicalBytes(new Epoch(2, 7))).ShouldBe("""{"generation":7,"major":2}""");
    }

    [Fact]
    public void Epoch_order_is_total_and_agrees_with_major_then_generation()
    {
        var epochs = Gen.Choose(1, 4).SelectMany(m => Gen.Choose(0, 4).Select(g => new Epoch(m, g)));
        Prop.ForAll(epochs.ToArbitrary(), epochs.ToArbitrary(), (x, y) =>
        {
            var expected = (x.Major, x.Generation).CompareTo((y.Major, y.Generation));
            return Math.Sign(x.CompareTo(y)) == Math.Sign(expected)
                && x.Supersedes(y) == (expected > 0)
                && (x.Supersedes(y) ? !y.Supersedes(x) : true)
                && (x == y) == (expected == 0);
        }).QuickCheckThrowOnFailure();
    }
}
