using System.Text;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.RuntimeManifests;
using static ActorTrust.Core.Tests.RuntimeManifests.RuntimeManifestFixtures;

namespace ActorTrust.Core.Tests.RuntimeManifests;

/// <summary>One runtime-manifest vector: an input manifest (lists in any order, repeats allowed) and its digests.</summary>
internal sealed record RuntimeManifestVector(string Id, string Description, RuntimeManifest Input, RuntimeManifestExpectation Expected);

/// <summary>The identity pre-image body (JCS, before the purpose tag) and both digests.</summary>
internal sealed record RuntimeManifestExpectation(string IdentityPreImage, Digest IdentityDigest, Digest ManifestDigest);

/// <summary>The generator of tests/vectors/runtime-manifest.</summary>
internal static class RuntimeManifestVectorSet
{
    public static IReadOnlyList<RuntimeManifestVector> All() =>
    [
        V("RM-001", "minimal manifest: cpu backend, every list empty, no optional member", Minimal()),
        V("RM-002", "GPU lane with devices, environment refs, artifacts, static config, a mutable variable, validation and claims profile", Cuda()),
        V("RM-003", "RM-002 with every list reordered and some entries repeated: same digests as RM-002", Shuffled(Cuda(), 7)),
        V("RM-004", "RM-002 with only the mutable variable changed: RM-002's identity digest, another manifest digest",
            Cuda() with { MutableVariables = [new MutableVariable("CUDA_VISIBLE_DEVICES", "1")] }),
        V("RM-005", "RM-002 with one more static config binding: both digests differ from RM-002",
            Cuda() with { StaticConfigBindings = [.. Cuda().StaticConfigBindings, new StaticConfigBinding("kv_cache_dtype", D("fp8"))] }),
        V("RM-006", "strings needing JCS care: non-ASCII, quotes, UTF-16 key and value order",
            Minimal() with
            {
                EnvironmentRefs = ["zeta", "été \"quoted\"", "Alpha", "\u00e9", "\U0001F600 emoji"],
                MutableVariables = [new MutableVariable("b", "tab\there"), new MutableVariable("B", "")],
                SelectedDevices = [new RuntimeDevice("npu", "Ascend 910B", 8), new RuntimeDevice("cpu", "EPYC 9654", 1, "microcode 0xa101144")],
            }),
        V("RM-007", "artifacts sharing a reference sort by digest", Minimal() with
        {
            ArtifactBindings = [new ArtifactBinding("checkpoint", "ckpt/step", D("step 2")), new ArtifactBinding("checkpoint", "ckpt/step", D("step 1")), new ArtifactBinding("execution_trace", "a/trace", D("t"))],
        }),
    ];

    private static RuntimeManifestVector V(string id, string description, RuntimeManifest input) =>
        new(id, description, input, new RuntimeManifestExpectation(
            Encoding.UTF8.GetString(RuntimeManifestDigests.IdentityPreImage(input)), input.IdentityDigest(), input.ManifestDigest()));
}
