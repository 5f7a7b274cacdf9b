using ActorTrust.Core.Hashing;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Core.Tests.Hashing;

public sealed class MerkleTreePropertyTests
{
    private static readonly Gen<byte[][]> LeafLists =
        Gen.Choose(0, 70).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte[]>(), n));

    [Fact]
    public void Root_equals_bottom_up_pairing_that_carries_an_odd_last_node_up_unchanged()
    {
        Prop.ForAll(LeafLists.ToArbitrary(), leaves => MerkleTree.Root(leaves) == BottomUp(leaves))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Changing_any_one_leaf_changes_the_root()
    {
        var cases = LeafLists.Where(l => l.Length > 0)
            .SelectMany(l => Gen.Choose(0, l.Length - 1).Select(i => (Leaves: l, Index: i)));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var changed = c.Leaves.ToArray();
            changed[c.Index] = [.. c.Leaves[c.Index], 0x2a];
            return MerkleTree.Root(changed) != MerkleTree.Root(c.Leaves);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Swapping_two_different_leaves_changes_the_root()
    {
        var cases = LeafLists.Where(l => l.Length > 1)
            .SelectMany(l => Gen.Two(Gen.Choose(0, l.Length - 1)).Select(p => (Leaves: l, I: p.Item1, J: p.Item2)))
            .Where(c => !c.Leaves[c.I].AsSpan().SequenceEqual(c.Leaves[c.J]));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var swapped = c.Leaves.ToArray();
            (swapped[c.I], swapped[c.J]) = (swapped[c.J], swapped[c.I]);
            return MerkleTree.Root(swapped) != MerkleTree.Root(c.Leaves);
        }).QuickCheckThrowOnFailure();
    }

    // An independent formulation of the RFC 6962 tree: hash level by level, pairing neighbours; a lone last
    // node moves up a level as it is. It agrees with the recursive definition for every size.
    private static Digest BottomUp(byte[][] leaves)
    {
        if (leaves.Length == 0)
        {
            return Digest.Sha256([]);
        }

        var level = leaves.Select(l => Digest.Sha256([0x00, .. l])).ToList();
        while (level.Count > 1)
        {
            var next = new List<Digest>();
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? Digest.Sha256([0x01, .. level[i].Bytes, .. level[i + 1].Bytes]) : level[i]);
            }

            level = next;
        }

        return level[0];
    }
}
