using System.Text;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Keys;

namespace ActorTrust.Core.Tests.Keys;

public sealed class PublicKeyFileTests
{
    private static readonly Ed25519PublicKey Key = DeriveKey(7);

    [Fact]
    public void Public_key_file_round_trips_and_carries_no_secret()
    {
        var bytes = new PublicKeyFile(Key, "operator").ToUtf8Json();
        var text = Encoding.UTF8.GetString(bytes);

        text.ShouldNotContain("seed");
        var parsed = PublicKeyFile.Parse(bytes);
        parsed.PublicKey.ShouldBe(Key);
        parsed.Label.ShouldBe("operator");
    }

    [Theory]
    [InlineData("kind", "\"actortrust.ed25519-key\"", "kind must be")]
    [InlineData("version", "2", "version must be 1")]
    [InlineData("public_key", "\"ABCD\"", "64 lowercase hex")]
    [InlineData("key_id", "\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"", "does not match")]
    [InlineData("label", "5", "must be a string")]
    public void Tampered_fields_are_refused(string field, string value, string reason)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(new PublicKeyFile(Key, "x").ToUtf8Json())!.AsObject();
        node[field] = System.Text.Json.Nodes.JsonNode.Parse(value);

        Should.Throw<FormatException>(() => PublicKeyFile.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()))).Message.ShouldContain(reason);
    }

    [Fact]
    public void Unknown_and_duplicate_members_are_refused()
    {
        var text = Encoding.UTF8.GetString(new PublicKeyFile(Key, null).ToUtf8Json());

        Should.Throw<FormatException>(() => PublicKeyFile.Parse(Encoding.UTF8.GetBytes(text.Replace("{", "{\"seed\":\"00\",", StringComparison.Ordinal))))
            .Message.ShouldContain("unknown property 'seed'");
        Should.Throw<FormatException>(() => PublicKeyFile.Parse(Encoding.UTF8.GetBytes(text.Replace("{", "{\"version\":1,", StringComparison.Ordinal))))
            .Message.ShouldContain("duplicate key");
    }

    private static Ed25519PublicKey DeriveKey(byte fill)
    {
        using var pair = Ed25519KeyPair.FromSeed(Enumerable.Repeat(fill, 32).ToArray());
        return pair.PublicKey;
    }
}
