using System.Text.Json;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;

namespace ActorTrust.Core.Tests.Envelopes;

/// <summary>The DSSE v1 Ed25519 vectors in tests/vectors/dsse/vectors.json, each its own case.</summary>
public sealed class DsseVectorTests
{
    private static readonly JsonDocument Vectors = JsonDocument.Parse(
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "vectors", "dsse", "vectors.json")));

    public static TheoryData<string> VectorIds()
    {
        var data = new TheoryData<string>();
        foreach (var vector in Vectors.RootElement.GetProperty("vectors").EnumerateArray())
        {
            data.Add(vector.GetProperty("id").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Pae_matches_the_vector(string id)
    {
        var vector = Find(id);
        Base64Either.TryDecode(vector.GetProperty("payload").GetString()!, out var payload, out _).ShouldBeTrue();
        var pae = Convert.ToHexStringLower(Pae.Encode(vector.GetProperty("payload_type").GetString()!, payload));

        // In the swap vector pae_hex is what was signed (the original type); the presented type encodes differently.
        if (id == "payload-type-swapped")
        {
            pae.ShouldNotBe(vector.GetProperty("pae_hex").GetString());
            return;
        }

        pae.ShouldBe(vector.GetProperty("pae_hex").GetString());
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Verdict_matches_the_vector(string id)
    {
        var vector = Find(id);
        var keys = Keys();
        Base64Either.TryDecode(vector.GetProperty("payload").GetString()!, out var payload, out _).ShouldBeTrue();
        var signatures = vector.GetProperty("signatures").EnumerateArray().Select(s =>
        {
            Base64Either.TryDecode(s.GetProperty("sig").GetString()!, out var sig, out _).ShouldBeTrue();
            var name = s.GetProperty("key").GetString();
            return new EnvelopeSignature(name is null ? null : keys[name].KeyId.ToString(), sig);
        }).ToList();
        var envelope = new Envelope(vector.GetProperty("payload_type").GetString()!, payload, signatures);

        var policy = new TrustPolicy(
            vector.GetProperty("trusted").EnumerateArray().Select(k => keys[k.GetString()!]),
            vector.GetProperty("threshold").GetInt32(),
            vector.GetProperty("supported_types").EnumerateArray().Select(t => t.GetString()!));

        // The envelope also survives a trip through the JSON form unchanged.
        var reparsed = EnvelopeJson.Parse(EnvelopeJson.Serialize(envelope));
        foreach (var candidate in new[] { envelope, reparsed })
        {
            var verdict = EnvelopeVerifier.Verify(candidate, policy);
            verdict.IsVerified.ShouldBe(vector.GetProperty("expect").GetString() == "accept", verdict.Reason);
        }
    }

    private static JsonElement Find(string id) =>
        Vectors.RootElement.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("id").GetString() == id);

    private static Dictionary<string, Ed25519PublicKey> Keys()
    {
        var keys = new Dictionary<string, Ed25519PublicKey>(StringComparer.Ordinal);
        foreach (var key in Vectors.RootElement.GetProperty("keys").EnumerateObject())
        {
            using var pair = Ed25519KeyPair.FromSeed(Convert.FromHexString(key.Value.GetProperty("seed_hex").GetString()!));
            Convert.ToHexStringLower(pair.PublicKey.Bytes).ShouldBe(key.Value.GetProperty("public_key_hex").GetString());
            keys[key.Name] = pair.PublicKey;
        }

        return keys;
    }
}
