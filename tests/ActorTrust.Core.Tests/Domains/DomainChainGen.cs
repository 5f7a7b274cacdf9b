using ActorTrust.Core.Domains;
using ActorTrust.Core.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using static ActorTrust.Core.Tests.Domains.DomainFixtures;

using ActorTrust.TestKit.Entities;

namespace ActorTrust.Core.Tests.Domains;

/// <summary>One manifest version's root keys (indices into <see cref="TestKeys"/>) and threshold.</summary>
internal sealed record RootSet(int[] Roots, int Threshold)
{
    public override string ToString() => $"roots [{string.Join(',', Roots)}] t={Threshold}";
}

/// <summary>
/// A rotation-chain scenario: versions 1..N accepted in order, then a candidate manifest at version
/// N + <see cref="VersionOffset"/> signed by <see cref="Signers"/> (a key may appear twice).
/// </summary>
internal sealed record RotationPlan(RootSet[] Chain, RootSet Candidate, int VersionOffset, int[] Signers)
{
    public override string ToString() =>
        $"chain [{string.Join("; ", Chain.Select(c => c.ToString()))}], candidate {Candidate} at offset {VersionOffset}, signers [{string.Join(',', Signers)}]";
}

internal static class DomainChainGen
{
    /// <summary>Root keys come from keys 0–11; keys 12–13 are outsiders that are never roots.</summary>
    public static Gen<RootSet> RootSets { get; } =
        from count in Gen.Choose(1, 3)
        from shuffled in Gen.Shuffle(Enumerable.Range(0, 12))
        let roots = shuffled.Take(count).Order().ToArray()
        from threshold in Gen.Choose(1, count)
        select new RootSet(roots, threshold);

    public static Gen<RotationPlan> Plans { get; } =
        from length in Gen.Choose(1, 4)
        from chain in Gen.ArrayOf(RootSets, length)
        from candidate in RootSets
        from offset in Gen.Elements(-1, 0, 1, 1, 1, 2)
        from signers in Gen.SubListOf(Enumerable.Range(0, 14))
        from duplicate in Gen.Elements(true, false)
        let all = duplicate && signers.Count > 0 ? [.. signers, signers[0]] : signers.ToArray()
        select new RotationPlan(chain, candidate, offset, all);

    /// <summary>Accepts every version of <paramref name="chain"/> and returns the spec and the manifests.</summary>
    public static (DeciderSpec<DomainState, DomainCommand, DomainEvent> Spec, List<DomainAuthorityManifest> Accepted) Build(RootSet[] chain)
    {
        var spec = Spec();
        var accepted = new List<DomainAuthorityManifest>();
        foreach (var set in chain)
        {
            var previous = accepted.Count == 0 ? null : accepted[^1];
            var manifest = Manifest(accepted.Count + 1, set.Roots, set.Threshold, previous is null ? null : DigestOf(previous));
            int[] signers = previous is null ? set.Roots : [.. previous.RootKeys.Select(IndexOf), .. set.Roots];
            spec.Apply(previous is null ? Create(manifest, signers) : Rotate(manifest, signers), Now);
            accepted.Add(manifest);
        }

        return (spec, accepted);
    }

    /// <summary>The candidate manifest a plan submits after its chain.</summary>
    public static DomainAuthorityManifest Candidate(RotationPlan plan, DomainAuthorityManifest current)
    {
        var version = Math.Max(1, current.Version + plan.VersionOffset);
        return Manifest(version, plan.Candidate.Roots, plan.Candidate.Threshold, version == 1 ? null : DigestOf(current));
    }

    private static int IndexOf(string hex) => Enumerable.Range(0, TestKeys.Count).First(i => TestKeys.Hex(i) == hex);
}
