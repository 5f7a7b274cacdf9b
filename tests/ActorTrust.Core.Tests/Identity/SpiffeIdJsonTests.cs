using System.Text.Json;
using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Tests.Identity;

public sealed class SpiffeIdJsonTests
{
    private sealed record Holder(SpiffeId Subject);

    [Fact]
    public void Id_serialises_as_its_string_and_reads_back()
    {
        var holder = new Holder(SpiffeId.Parse("spiffe://example.org/ns/a"));

        var json = JsonSerializer.Serialize(holder);
        var back = JsonSerializer.Deserialize<Holder>(json)!;

        json.ShouldBe("""{"Subject":"spiffe://example.org/ns/a"}""");
        back.Subject.ShouldBe(holder.Subject);
    }

    [Theory]
    [InlineData("""{"Subject":"spiffe://Example.org"}""", "trust domain must be lowercase")]
    [InlineData("""{"Subject":"spiffe://example.org/"}""", "trailing slash")]
    [InlineData("""{"Subject":""}""", "empty")]
    [InlineData("""{"Subject":42}""", "must be a JSON string")]
    public void Invalid_id_fails_deserialisation_naming_the_rule(string json, string reason)
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Holder>(json)).Message.ShouldContain(reason);
    }

    [Fact]
    public void Id_works_as_a_dictionary_key()
    {
        var map = new Dictionary<SpiffeId, int> { [SpiffeId.Parse("spiffe://example.org/a")] = 1 };

        var json = JsonSerializer.Serialize(map);
        var back = JsonSerializer.Deserialize<Dictionary<SpiffeId, int>>(json)!;

        json.ShouldBe("""{"spiffe://example.org/a":1}""");
        back[SpiffeId.Parse("spiffe://example.org/a")].ShouldBe(1);
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Dictionary<SpiffeId, int>>("""{"http://x":1}"""));
    }
}
