using ActorTrust.Core.Hashing;
using ActorTrust.Core.RuntimeManifests;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Core.Tests.RuntimeManifests;

/// <summary>Sample runtime manifests and generators of their parts.</summary>
internal static class RuntimeManifestFixtures
{
    public static Digest D(string text) => Digest.Sha256(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>A CUDA lane with two artifacts, one static config and one mutable variable.</summary>
    public static RuntimeManifest Cuda() => new(
        RuntimeManifest.SchemaV1,
        "cuda",
        new RuntimeToolchain("cuda", "12.4"),
        [new RuntimeDevice("gpu", "NVIDIA H100 80GB HBM3", 2, "550.54.15")],
        ["oci://registry.example/runtime@sha256:1111", "pkg:pypi/torch@2.3.0"],
        [new ArtifactBinding("model_descriptor", "models/llama-3-8b", D("weights")), new ArtifactBinding("sandbox_profile", "sandbox/default", D("sandbox"))],
        [new StaticConfigBinding("max_batch_tokens", D("8192"))],
        [new MutableVariable("CUDA_VISIBLE_DEVICES", "0,1")],
        new ValidationReference("validation/h100-2026-02", D("validation matrix")),
        "profile.gpu-inference");

    public static RuntimeManifest Minimal() => new(RuntimeManifest.SchemaV1, "cpu", new RuntimeToolchain("llvm", "18.1"), [], [], [], [], []);

    private static Gen<string> Word => Gen.Elements("a", "b", "c", "model", "pkg:x", "Z", "a-1", "é");

    public static Gen<RuntimeManifest> Manifests =>
        from envs in Gen.ListOf(Word)
        from artifacts in Gen.ListOf(from r in Word from d in Word from k in Gen.Elements("checkpoint", "served_artifact") select new ArtifactBinding(k, r, D(d)))
        from configs in Gen.ListOf(from k in Word select new StaticConfigBinding(k, D("v:" + k)))
        from vars in Gen.ListOf(from k in Word select new MutableVariable("VAR_" + k, "value of " + k))
        from devices in Gen.ListOf(from m in Word from n in Gen.Choose(1, 3) select new RuntimeDevice("gpu", m, n))
        from profile in Gen.Elements<string?>(null, "p1")
        select Minimal() with
        {
            EnvironmentRefs = [.. envs], ArtifactBindings = [.. artifacts], StaticConfigBindings = [.. configs],
            MutableVariables = [.. vars], SelectedDevices = [.. devices], ClaimsProfileId = profile,
        };

    /// <summary>Shuffles every list of <paramref name="manifest"/> with <paramref name="seed"/> and repeats some entries.</summary>
    public static RuntimeManifest Shuffled(RuntimeManifest manifest, int seed)
    {
        var random = new Random(seed);
        IReadOnlyList<T> Mix<T>(IReadOnlyList<T> list) => [.. list.Concat(list.Take(random.Next(list.Count + 1))).OrderBy(_ => random.Next())];
        return manifest with
        {
            EnvironmentRefs = Mix(manifest.EnvironmentRefs), ArtifactBindings = Mix(manifest.ArtifactBindings),
            StaticConfigBindings = Mix(manifest.StaticConfigBindings), MutableVariables = Mix(manifest.MutableVariables),
            SelectedDevices = Mix(manifest.SelectedDevices),
        };
    }
}
