using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorTrust.Core.Agents;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Tests.Agents;

/// <summary>
/// One language-neutral Agent Manifest vector (tests/vectors/agent-manifest/*.json): the DSSE envelope
/// document (the verifier's input is its JSON text; the signed bytes are inside it, base64), the verification
/// context, and the expected verdict and reason code.
/// </summary>
internal sealed record AgentManifestVector(string Id, string Description, JsonObject Envelope, VectorContext Context, VectorExpectation Expected)
{
    private static readonly JsonSerializerOptions Indented = new(ActorTrustJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public byte[] EnvelopeBytes() => CanonicalJson.Serialize(Envelope);

    public byte[] ToFileBytes() => [.. JsonSerializer.SerializeToUtf8Bytes(this, Indented), (byte)'\n'];

    public static AgentManifestVector FromFileBytes(byte[] bytes) => ActorTrustJson.Read<AgentManifestVector>(bytes);

    public override string ToString() => $"{Id}: {Description}";
}

/// <summary>What the verifier is given besides the envelope. A missing authority means none is trusted.</summary>
internal sealed record VectorContext(
    DateTimeOffset Now, IssuerAuthority? Authority = null, RevocationList? Revocations = null, ExpectedHashes? ExpectedHashes = null);

/// <summary>The verdict class (VALID, MISMATCH, …) and the ActorTrust reason code.</summary>
internal sealed record VectorExpectation(ManifestVerdictStatus Verdict, string Code);
