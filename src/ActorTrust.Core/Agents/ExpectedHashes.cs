using ActorTrust.Core.Hashing;

namespace ActorTrust.Core.Agents;

/// <summary>
/// The hashes a verifier expects a manifest to bind (for example those of the prompt, policy bundle and
/// tool catalog a runtime actually loaded). Each is optional; a given one that differs is a MISMATCH.
/// </summary>
/// <param name="PromptHash">The expected prompt hash, or null to skip the check.</param>
/// <param name="PolicyBundleHash">The expected policy-bundle hash, or null to skip the check.</param>
/// <param name="ToolCatalogHash">The expected tool-catalog hash, or null to skip the check.</param>
public sealed record ExpectedHashes(Digest? PromptHash = null, Digest? PolicyBundleHash = null, Digest? ToolCatalogHash = null);
