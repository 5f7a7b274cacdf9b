using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Core.RuntimeManifests;
using static ActorTrust.Core.Tests.RuntimeManifests.RuntimeManifestFixtures;

namespace ActorTrust.Core.Tests.RuntimeManifests;

public sealed class RuntimeManifestDigestTests
{
    [Fact]
    public void Changing_only_a_mutable_variable_moves_the_manifest_digest_and_keeps_the_identity_digest()
    {
        var before = Cuda();
        var after = before with { MutableVariables = [new MutableVariable("CUDA_VISIBLE_DEVICES", "1")] };

        after.IdentityDigest().ShouldBe(before.IdentityDigest());
        after.ManifestDigest().ShouldNotBe(before.ManifestDigest());
    }

    [Fact]
    public void Adding_a_mutable_variable_keeps_the_identity_digest()
    {
        var before = Cuda();
        var after = before with { MutableVariables = [.. before.MutableVariables, new MutableVariable("OMP_NUM_THREADS", "8")] };

        after.IdentityDigest().ShouldBe(before.IdentityDigest());
        after.ManifestDigest().ShouldNotBe(before.ManifestDigest());
    }

    public static TheoryData<string> IdentityChanges() =>
        ["backend", "toolchain", "device", "environment", "artifact kind", "artifact digest", "static config", "validation", "claims profile", "schema"];

    [Theory]
    [MemberData(nameof(IdentityChanges))]
    public void Changing_any_identity_input_moves_both_digests(string change)
    {
        var before = Cuda();
        var after = change switch
        {
            "backend" => before with { RuntimeBackend = "rocm" },
            "toolchain" => before with { Toolchain = new RuntimeToolchain("cuda", "12.5") },
            "device" => before with { SelectedDevices = [new RuntimeDevice("gpu", "NVIDIA H100 80GB HBM3", 1, "550.54.15")] },
            "environment" => before with { EnvironmentRefs = [.. before.EnvironmentRefs, "pkg:pypi/numpy@2.0"] },
            "artifact kind" => before with { ArtifactBindings = [before.ArtifactBindings[0] with { Kind = "checkpoint" }, before.ArtifactBindings[1]] },
            "artifact digest" => before with { ArtifactBindings = [before.ArtifactBindings[0] with { Digest = D("other weights") }, before.ArtifactBindings[1]] },
            "static config" => before with { StaticConfigBindings = [new StaticConfigBinding("max_batch_tokens", D("4096"))] },
            "validation" => before with { Validation = null },
            "claims profile" => before with { ClaimsProfileId = "profile.other" },
            "schema" => before with { Schema = "actortrust.runtime-manifest/v2" },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        after.IdentityDigest().ShouldNotBe(before.IdentityDigest(), change);
        after.ManifestDigest().ShouldNotBe(before.ManifestDigest(), change);
    }

    [Fact]
    public void Identity_pre_image_is_the_jcs_of_the_sorted_manifest_without_mutable_variables()
    {
        var manifest = Minimal() with { EnvironmentRefs = ["b", "a", "b"], MutableVariables = [new MutableVariable("K", "v")] };

        var body = System.Text.Encoding.UTF8.GetString(RuntimeManifestDigests.IdentityPreImage(manifest));

        body.ShouldBe("""{"artifact_bindings":[],"environment_refs":["a","b"],"runtime_backend":"cpu","schema":"actortrust.runtime-manifest/v1","selected_devices":[],"static_config_bindings":[],"toolchain":{"name":"llvm","version":"18.1"}}""");
        manifest.IdentityDigest().ShouldBe(DomainHash.Compute("runtime-manifest-identity", RuntimeManifestDigests.IdentityPreImage(manifest)));
    }

    [Fact]
    public void Manifest_digest_hashes_the_identity_digest_with_the_sorted_mutable_variables()
    {
        var manifest = Minimal() with { MutableVariables = [new MutableVariable("Z", "1"), new MutableVariable("A", "2")] };
        var body = $$"""{"identity_digest":"{{manifest.IdentityDigest()}}","mutable_variables":[{"key":"A","value":"2"},{"key":"Z","value":"1"}]}""";

        manifest.ManifestDigest().ShouldBe(DomainHash.Compute("runtime-manifest", System.Text.Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Manifest_reads_back_from_its_canonical_json_with_the_same_digests()
    {
        var manifest = Cuda();

        var read = ActorTrustJson.Read<RuntimeManifest>(ActorTrustJson.ToCanonicalBytes(manifest));

        read.IdentityDigest().ShouldBe(manifest.IdentityDigest());
        read.ManifestDigest().ShouldBe(manifest.ManifestDigest());
    }
}
