using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Tests.Hashing;

// RFC 6962 reference data as published in the Certificate Transparency test data (transparency-dev/merkle
// testonly): the eight standard leaf inputs and the tree head of each prefix of them, sizes 0..8.
public sealed class MerkleTreeVectorTests
{
    private static readonly byte[][] Leaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    [Theory]
    [InlineData(0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData(1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")]
    [InlineData(2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [InlineData(3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77")]
    [InlineData(4, "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(5, "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4")]
    [InlineData(6, "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef")]
    [InlineData(7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c")]
    [InlineData(8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")]
    public void Root_of_the_first_n_reference_leaves_matches_the_published_tree_head(int size, string expectedHex)
    {
        var root = MerkleTree.Root(Leaves[..size]);

        Convert.ToHexStringLower(root.Bytes).ShouldBe(expectedHex);
    }

    [Fact]
    public void Empty_tree_is_the_sha256_of_the_empty_string()
    {
        MerkleTree.EmptyRoot.ShouldBe(Digest.Sha256([]));
        MerkleTree.Root([]).ShouldBe(MerkleTree.EmptyRoot);
    }

    [Fact]
    public void Leaf_hash_prefixes_0x00_and_node_hash_prefixes_0x01()
    {
        MerkleTree.LeafHash([0x10]).ShouldBe(Digest.Sha256([0x00, 0x10]));
        var left = MerkleTree.LeafHash(Leaves[0]);
        var right = MerkleTree.LeafHash(Leaves[1]);

        MerkleTree.NodeHash(left, right).ShouldBe(Digest.Sha256([0x01, .. left.Bytes, .. right.Bytes]));
        MerkleTree.NodeHash(left, right).ShouldBe(MerkleTree.Root(Leaves[..2]));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(6, 4)]
    [InlineData(7, 4)]
    [InlineData(8, 4)]
    [InlineData(9, 8)]
    [InlineData(17, 16)]
    [InlineData(1_000_000, 524_288)]
    public void Split_point_is_the_largest_power_of_two_below_n_not_the_midpoint(int n, int expected)
    {
        MerkleTree.SplitPoint(n).ShouldBe(expected);
    }

    [Fact]
    public void Two_leaves_cannot_be_passed_off_as_one_leaf_holding_their_hashes()
    {
        var left = MerkleTree.LeafHash(Leaves[2]);
        var right = MerkleTree.LeafHash(Leaves[3]);
        byte[] spliced = [.. left.Bytes, .. right.Bytes];

        MerkleTree.Root([spliced]).ShouldNotBe(MerkleTree.Root(Leaves[2..4]));
    }
}
