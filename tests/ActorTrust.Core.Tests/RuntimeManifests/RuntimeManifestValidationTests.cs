using ActorTrust.Core.RuntimeManifests;
using static ActorTrust.Core.Tests.RuntimeManifests.RuntimeManifestFixtures;

namespace ActorTrust.Core.Tests.RuntimeManifests;

public sealed class RuntimeManifestValidationTests
{
    [Fact]
    public void Well_formed_manifest_with_exact_repeats_is_valid()
    {
        var manifest = Cuda();

        (manifest with { EnvironmentRefs = [.. manifest.EnvironmentRefs, manifest.EnvironmentRefs[0]] }).Validate().ShouldBeNull();
    }

    [Fact]
    public void Static_config_key_bound_to_two_values_is_refused()
    {
        var manifest = Cuda() with { StaticConfigBindings = [new("max_batch_tokens", D("1")), new("max_batch_tokens", D("2"))] };

        manifest.Validate().ShouldBe("static_config_bindings binds key 'max_batch_tokens' to more than one value");
    }

    [Fact]
    public void Mutable_variable_observed_with_two_values_is_refused()
    {
        var manifest = Cuda() with { MutableVariables = [new("CUDA_VISIBLE_DEVICES", "0"), new("CUDA_VISIBLE_DEVICES", "1")] };

        manifest.Validate()!.ShouldContain("mutable_variables binds key 'CUDA_VISIBLE_DEVICES'");
    }

    [Fact]
    public void Unknown_schema_empty_backend_bad_artifact_kind_and_zero_device_count_are_refused()
    {
        (Cuda() with { Schema = "x" }).Validate()!.ShouldContain("schema 'x' is not supported");
        (Cuda() with { RuntimeBackend = "" }).Validate()!.ShouldContain("runtime_backend must not be empty");
        (Cuda() with { ArtifactBindings = [new("Model Descriptor", "m", D("m"))] }).Validate()!.ShouldContain("artifact_bindings[0]: kind");
        (Cuda() with { SelectedDevices = [new("gpu", "x", 0)] }).Validate()!.ShouldContain("count must be at least 1");
    }

    [Fact]
    public void Lists_longer_than_the_limit_are_refused()
    {
        var manifest = Minimal() with { EnvironmentRefs = [.. Enumerable.Range(0, RuntimeManifest.MaxListLength + 1).Select(i => $"ref-{i}")] };

        manifest.Validate()!.ShouldContain("environment_refs has 257 entries");
    }
}
