using ActorTrust.Core.RuntimeManifests;
using FsCheck;
using FsCheck.Fluent;
using static ActorTrust.Core.Tests.RuntimeManifests.RuntimeManifestFixtures;

namespace ActorTrust.Core.Tests.RuntimeManifests;

public sealed class RuntimeManifestPropertyTests
{
    [Fact]
    public void Remembered_digests_are_the_computed_digests_of_each_manifest_value()
    {
        Prop.ForAll(Manifests.ToArbitrary(), Manifests.ToArbitrary(), (a, b) =>
        {
            // Computed twice (the second answer is remembered), and a manifest that differs only in its variables.
            var variant = a with { MutableVariables = b.MutableVariables };
            return RuntimeManifestDigests.Compute(a) == RuntimeManifestDigests.ComputeUncached(a)
                && RuntimeManifestDigests.Compute(a) == RuntimeManifestDigests.ComputeUncached(a)
                && RuntimeManifestDigests.Compute(variant) == RuntimeManifestDigests.ComputeUncached(variant)
                && RuntimeManifestDigests.Compute(b) == RuntimeManifestDigests.ComputeUncached(b);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Digests_do_not_depend_on_list_order_or_repeated_entries()
    {
        Prop.ForAll(Manifests.ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (manifest, seed) =>
        {
            var shuffled = Shuffled(manifest, seed);
            return shuffled.IdentityDigest() == manifest.IdentityDigest() && shuffled.ManifestDigest() == manifest.ManifestDigest();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Mutable_variables_never_move_the_identity_digest_and_always_move_the_manifest_digest_when_they_differ()
    {
        Prop.ForAll(Manifests.ToArbitrary(), Manifests.ToArbitrary(), (a, b) =>
        {
            var withBsVariables = a with { MutableVariables = b.MutableVariables };
            var sameVariables = RuntimeManifestDigests.Normalize(a).MutableVariables.SequenceEqual(RuntimeManifestDigests.Normalize(b).MutableVariables);
            return withBsVariables.IdentityDigest() == a.IdentityDigest()
                && (withBsVariables.ManifestDigest() == a.ManifestDigest()) == sameVariables;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Normalising_twice_changes_nothing()
    {
        Prop.ForAll(Manifests.ToArbitrary(), manifest =>
        {
            var once = RuntimeManifestDigests.Normalize(manifest);
            var twice = RuntimeManifestDigests.Normalize(once);
            return once.EnvironmentRefs.SequenceEqual(twice.EnvironmentRefs) && once.ArtifactBindings.SequenceEqual(twice.ArtifactBindings)
                && once.StaticConfigBindings.SequenceEqual(twice.StaticConfigBindings) && once.MutableVariables.SequenceEqual(twice.MutableVariables)
                && once.SelectedDevices.SequenceEqual(twice.SelectedDevices);
        }).QuickCheckThrowOnFailure();
    }
}
