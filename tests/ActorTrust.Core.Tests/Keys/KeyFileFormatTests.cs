using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Keys;

namespace ActorTrust.Core.Tests.Keys;

public sealed class KeyFileFormatTests
{
    private const string SeedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static readonly DateTimeOffset CreatedAt = new(2025, 3, 1, 12, 30, 0, TimeSpan.Zero);

    private static byte[] ValidDocument(string? label = "node-a")
    {
        using var keyPair = Ed25519KeyPair.FromSeed(Convert.FromHexString(SeedHex));
        using var keyFile = KeyFile.Create(keyPair, CreatedAt, label);
        return keyFile.ToUtf8Json();
    }

    private static byte[] Mutate(Action<JsonObject> change)
    {
        var document = JsonNode.Parse(ValidDocument())!.AsObject();
        change(document);
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    private static void ShouldBeRefused(byte[] document, string reason)
    {
        KeyFile.TryParse(document, out var keyFile, out var error).ShouldBeFalse();
        keyFile.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(reason);
        error.ShouldNotContain(SeedHex);
        Should.Throw<FormatException>(() => KeyFile.Parse(document)).Message.ShouldContain(reason);
    }

    [Fact]
    public void Key_file_round_trips_key_label_and_creation_time()
    {
        using var parsed = KeyFile.Parse(ValidDocument());
        using var original = Ed25519KeyPair.FromSeed(Convert.FromHexString(SeedHex));

        parsed.PublicKey.ToString().ShouldBe(PublicKeyHex);
        parsed.KeyId.ShouldBe(original.PublicKey.KeyId);
        parsed.Label.ShouldBe("node-a");
        parsed.CreatedAt.ShouldBe(CreatedAt);
        parsed.KeyPair.Sign("m"u8).ShouldBe(original.Sign("m"u8));
    }

    [Fact]
    public void Key_file_without_a_label_round_trips()
    {
        using var parsed = KeyFile.Parse(ValidDocument(label: null));

        parsed.Label.ShouldBeNull();
    }

    [Fact]
    public void Document_carries_kind_version_key_id_and_hex_keys()
    {
        var document = JsonNode.Parse(ValidDocument())!.AsObject();

        document["kind"]!.GetValue<string>().ShouldBe("actortrust.ed25519-key");
        document["version"]!.GetValue<int>().ShouldBe(1);
        document["public_key"]!.GetValue<string>().ShouldBe(PublicKeyHex);
        document["seed"]!.GetValue<string>().ShouldBe(SeedHex);
        document["key_id"]!.GetValue<string>().ShouldBe(Ed25519PublicKey.Create(Convert.FromHexString(PublicKeyHex)).KeyId.ToString());
        document["created_at"]!.GetValue<string>().ShouldBe("2025-03-01T12:30:00Z");
    }

    [Fact]
    public void ToString_omits_the_seed()
    {
        using var keyFile = KeyFile.Parse(ValidDocument());

        keyFile.ToString().ShouldContain(keyFile.KeyId.ToString());
        keyFile.ToString().ShouldNotContain(SeedHex, Case.Insensitive);
    }

    [Fact]
    public void Dispose_wipes_the_key_it_owns()
    {
        var keyFile = KeyFile.Parse(ValidDocument());
        var (seed, _) = keyFile.KeyPair.SecretBuffersForTesting;

        keyFile.Dispose();

        seed.ShouldAllBe(b => b == 0);
    }

    [Fact]
    public void Public_key_that_does_not_match_the_seed_is_refused() =>
        ShouldBeRefused(Mutate(d => d["public_key"] = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"),
            "key file public key does not match its seed");

    [Fact]
    public void Key_id_that_does_not_match_the_public_key_is_refused() =>
        ShouldBeRefused(Mutate(d => d["key_id"] = "sha256:" + new string('0', 64)), "key_id does not match its public key");

    [Fact]
    public void Malformed_key_id_is_refused() =>
        ShouldBeRefused(Mutate(d => d["key_id"] = "SHA256:abc"), "key_id is malformed");

    [Fact]
    public void Truncated_document_is_refused()
    {
        var document = ValidDocument();

        ShouldBeRefused(document[..(document.Length / 2)], "not valid JSON");
    }

    [Fact]
    public void Trailing_content_is_refused() =>
        ShouldBeRefused([.. ValidDocument(), .. "{}"u8], "not valid JSON");

    [Fact]
    public void Unknown_version_is_refused() =>
        ShouldBeRefused(Mutate(d => d["version"] = 2), "unsupported key file version 2");

    [Fact]
    public void Unknown_version_is_reported_before_its_unfamiliar_fields() =>
        ShouldBeRefused(Mutate(d => { d["version"] = 2; d["seed"] = "00"; d["extra"] = true; }), "unsupported key file version 2");

    [Fact]
    public void Unknown_kind_is_refused() =>
        ShouldBeRefused(Mutate(d => d["kind"] = "actortrust.rsa-key"), "unknown key file kind 'actortrust.rsa-key'");

    [Fact]
    public void Seed_of_the_wrong_length_is_refused() =>
        ShouldBeRefused(Mutate(d => d["seed"] = SeedHex[..62]), "seed must be 32 bytes");

    [Fact]
    public void Uppercase_seed_hex_is_refused() =>
        ShouldBeRefused(Mutate(d => d["seed"] = SeedHex.ToUpperInvariant()), "seed must be lowercase hex");

    [Fact]
    public void Missing_seed_is_refused() =>
        ShouldBeRefused(Mutate(d => d.Remove("seed")), "missing 'seed'");

    [Fact]
    public void Unknown_property_is_refused() =>
        ShouldBeRefused(Mutate(d => d["comment"] = "hi"), "unknown property 'comment'");

    [Fact]
    public void Property_of_the_wrong_type_is_refused() =>
        ShouldBeRefused(Mutate(d => d["label"] = 7), "'label' must be a string");

    [Fact]
    public void Repeated_property_is_refused()
    {
        var text = Encoding.UTF8.GetString(ValidDocument());
        var repeated = text.Replace("\"kind\"", "\"label\": \"x\", \"kind\"", StringComparison.Ordinal);

        ShouldBeRefused(Encoding.UTF8.GetBytes(repeated), "property 'label' more than once");
    }

    [Fact]
    public void Oversize_document_is_refused()
    {
        var padded = Mutate(d => d["label"] = new string('x', KeyFile.MaxSize));

        ShouldBeRefused(padded, $"the limit is {KeyFile.MaxSize}");
    }

    [Fact]
    public void Non_object_document_is_refused() =>
        ShouldBeRefused("[]"u8.ToArray(), "must be a JSON object");
}
