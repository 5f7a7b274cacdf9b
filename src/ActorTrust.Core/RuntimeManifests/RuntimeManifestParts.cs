using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.RuntimeManifests;

/// <summary>The backend toolchain a runtime lane was bound to.</summary>
/// <param name="Name">The toolchain, e.g. <c>cuda</c>, <c>rocm</c>, <c>llvm</c>.</param>
/// <param name="Version">Its version as reported by the toolchain.</param>
public sealed record RuntimeToolchain(string Name, string Version);

/// <summary>One selected device fact. Identical facts are merged by normalisation; use <paramref name="Count"/> for several alike.</summary>
/// <param name="Kind">The device class, e.g. <c>gpu</c>, <c>cpu</c>, <c>npu</c>.</param>
/// <param name="Model">The model as the driver reports it.</param>
/// <param name="Count">How many such devices were selected (at least 1).</param>
/// <param name="Driver">The driver version, or null when not applicable.</param>
public sealed record RuntimeDevice(string Kind, string Model, int Count, string? Driver = null);

/// <summary>A reference to the validation matrix a runtime was qualified against.</summary>
/// <param name="Reference">Where the validation record lives (a name or URI).</param>
/// <param name="Digest">The digest of that record.</param>
public sealed record ValidationReference(string Reference, Digest Digest);

/// <summary>
/// An artifact bound to the lane. <paramref name="Kind"/> is lowercase <c>[a-z0-9_]</c>; the source project's
/// kinds are <c>environment_package</c>, <c>program_artifact</c>, <c>model_descriptor</c>, <c>served_artifact</c>,
/// <c>checkpoint</c>, <c>policy_weights</c>, <c>sandbox_profile</c>, <c>sharded_model_manifest</c>,
/// <c>execution_trace</c> and <c>datastream_artifact</c>.
/// </summary>
/// <param name="Kind">The artifact kind.</param>
/// <param name="Reference">The artifact reference (name, path or URI).</param>
/// <param name="Digest">The artifact's digest.</param>
public sealed record ArtifactBinding(string Kind, string Reference, Digest Digest);

/// <summary>A static configuration value that changes execution identity, bound by digest (the value itself is not carried).</summary>
/// <param name="Key">The configuration key; unique within a manifest.</param>
/// <param name="ValueDigest">The digest of the value.</param>
public sealed record StaticConfigBinding(string Key, Digest ValueDigest);

/// <summary>An observed runtime variable (an environment variable, a live knob): shown to operators, not identity.</summary>
/// <param name="Key">The variable name; unique within a manifest.</param>
/// <param name="Value">The observed value (may be empty).</param>
public sealed record MutableVariable(string Key, string Value);
