using ActorTrust.Core.Json;
using ActorTrust.Core.RuntimeManifests;
using ActorTrust.Core.Tests.TestSupport;

namespace ActorTrust.Core.Tests.RuntimeManifests;

public sealed class RuntimeManifestVectorTests
{
    private static readonly VectorFolder Folder = new("runtime-manifest", "RM");

    public static TheoryData<string> VectorFiles() => [.. Folder.Files()];

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void Vector_input_hashes_to_its_expected_digests(string file)
    {
        var vector = ActorTrustJson.Read<RuntimeManifestVector>(Folder.Read(file));

        System.Text.Encoding.UTF8.GetString(RuntimeManifestDigests.IdentityPreImage(vector.Input)).ShouldBe(vector.Expected.IdentityPreImage, file);
        vector.Input.IdentityDigest().ShouldBe(vector.Expected.IdentityDigest, file);
        vector.Input.ManifestDigest().ShouldBe(vector.Expected.ManifestDigest, file);
        vector.Input.Validate().ShouldBeNull(file);
    }

    [Fact]
    public void Committed_vectors_are_exactly_what_the_generator_writes()
    {
        Folder.CheckCommitted([.. RuntimeManifestVectorSet.All().Select(v => (v.Id, VectorFolder.ToFileBytes(v)))]);
    }

    [Fact]
    public void Reordered_vector_shares_both_digests_and_mutable_only_vector_shares_only_the_identity()
    {
        var all = RuntimeManifestVectorSet.All().ToDictionary(v => v.Id);

        all["RM-003"].Expected.ShouldBe(all["RM-002"].Expected with { IdentityPreImage = all["RM-003"].Expected.IdentityPreImage });
        all["RM-003"].Expected.IdentityPreImage.ShouldBe(all["RM-002"].Expected.IdentityPreImage);
        all["RM-004"].Expected.IdentityDigest.ShouldBe(all["RM-002"].Expected.IdentityDigest);
        all["RM-004"].Expected.ManifestDigest.ShouldNotBe(all["RM-002"].Expected.ManifestDigest);
        all["RM-005"].Expected.IdentityDigest.ShouldNotBe(all["RM-002"].Expected.IdentityDigest);
    }
}
