using ActorTrust.Core.Domains;
using static ActorTrust.Core.Tests.Domains.DomainFixtures;

namespace ActorTrust.Core.Tests.Domains;

public sealed class DomainStateTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(1);

    private static DomainState TwoVersions()
    {
        var spec = Created(out var v1);
        spec.Apply(Rotate(V2(v1, principals: [Principal(22, DomainRole.Publisher), Principal(21, DomainRole.Auditor)]), 0, 1, 3, 4), Later);
        return spec.State;
    }

    [Fact]
    public void Key_removed_in_a_rotation_held_its_role_at_the_earlier_version_only()
    {
        var state = TwoVersions();

        state.KeyHeldRole(Key(20).PublicKey.KeyId, DomainRole.Publisher, 1).ShouldBeTrue();
        state.KeyHeldRole(Key(20).PublicKey.KeyId, DomainRole.Publisher, 2).ShouldBeFalse();
        state.KeyHeldRole(Key(22).PublicKey.KeyId, DomainRole.Publisher, 2).ShouldBeTrue();
        state.KeyHeldRole(Key(22).PublicKey.KeyId, DomainRole.Publisher, 1).ShouldBeFalse();
    }

    [Fact]
    public void Role_dropped_in_a_rotation_is_held_only_at_the_earlier_version()
    {
        var state = TwoVersions();

        state.KeyHeldRole(Key(21).PublicKey.KeyId, DomainRole.Executor, 1).ShouldBeTrue();
        state.KeyHeldRole(Key(21).PublicKey.KeyId, DomainRole.Executor, 2).ShouldBeFalse();
        state.KeyHeldRole(Key(21).PublicKey.KeyId, DomainRole.Auditor, 2).ShouldBeTrue();
    }

    [Fact]
    public void A_key_holds_only_the_roles_listed_for_it()
    {
        TwoVersions().KeyHeldRole(Key(20).PublicKey.KeyId, DomainRole.Auditor, 1).ShouldBeFalse();
    }

    [Fact]
    public void Root_keys_hold_no_roles()
    {
        var state = TwoVersions();

        foreach (var role in Enum.GetValues<DomainRole>())
        {
            state.KeyHeldRole(Key(0).PublicKey.KeyId, role, 1).ShouldBeFalse();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void Unknown_versions_grant_no_role(long version)
    {
        TwoVersions().KeyHeldRole(Key(20).PublicKey.KeyId, DomainRole.Publisher, version).ShouldBeFalse();
    }

    [Fact]
    public void Nothing_is_known_of_a_domain_before_creation()
    {
        DomainState.Empty.Exists.ShouldBeFalse();
        DomainState.Empty.Current.ShouldBeNull();
        DomainState.Empty.KeyHeldRole(Key(20).PublicKey.KeyId, DomainRole.Publisher, 1).ShouldBeFalse();
    }

    [Fact]
    public void The_version_in_force_follows_the_validity_windows()
    {
        var state = TwoVersions();

        state.VersionInForceAt(Now.AddTicks(-1)).ShouldBeNull();
        state.VersionInForceAt(Now)!.Version.ShouldBe(1);
        state.VersionInForceAt(Later.AddTicks(-1))!.Version.ShouldBe(1);
        state.VersionInForceAt(Later)!.Version.ShouldBe(2);
    }

    [Fact]
    public void An_expired_version_is_in_force_for_nobody()
    {
        var spec = Created(out _, expiresAt: Now.AddHours(1));

        spec.State.VersionInForceAt(Now.AddMinutes(59))!.Version.ShouldBe(1);
        spec.State.VersionInForceAt(Now.AddHours(1)).ShouldBeNull();
    }

    [Fact]
    public void Replaying_a_rotation_that_skips_a_version_fails_loudly()
    {
        var spec = Created(out var v1);
        var created = spec.History.Single();
        var skipping = new DomainRotated(DomainId, Manifest(3, V2Roots, 1, DigestOf(v1)), DigestOf(v1), DigestOf(v1), "{}", [], [], Later);

        Should.Throw<InvalidOperationException>(() => DomainDecider.Instance.Evolve(DomainDecider.Instance.Evolve(DomainState.Empty, created), skipping));
    }
}
