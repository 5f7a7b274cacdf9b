using System.Text.Json;

namespace ActorTrust.Core.Tests.TestSupport;

/// <summary>Loads the public vectors in tests/vectors, which the project copies to the output as vectors/.</summary>
internal static class TestVectors
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static T Load<T>(params string[] relativePath)
    {
        var path = Path.Combine([AppContext.BaseDirectory, "vectors", .. relativePath]);
        return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Options)
            ?? throw new InvalidDataException($"{path} holds JSON null");
    }
}

/// <summary>One C2SP CCTV ed25519 edge case: hex key and signature, a text message and its flags.</summary>
internal sealed record CctvVector(int Number, string Key, string Sig, string Msg, string[]? Flags)
{
    public bool HasFlag(string flag) => Flags is not null && Flags.Contains(flag);

    public override string ToString() => $"cctv #{Number} [{string.Join(' ', Flags ?? [])}]";
}

/// <summary>One ed25519-speccheck case: hex message, public key and signature.</summary>
internal sealed record SpeccheckVector(string Message, string PubKey, string Signature);
