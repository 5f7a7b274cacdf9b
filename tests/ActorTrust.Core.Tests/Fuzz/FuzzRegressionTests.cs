using System.Text.Json.Nodes;
using ActorTrust.Core.Domains;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using ActorTrust.Core.Keys;
using ActorTrust.Core.Tests.TestSupport;
using ActorTrust.TestKit.Entities;
using static ActorTrust.Core.Tests.Domains.DomainFixtures;

namespace ActorTrust.Core.Tests.Fuzz;

/// <summary>Crashes the fuzz suite found, each kept as the smallest input that showed it.</summary>
public sealed class FuzzRegressionTests
{
    [Fact]
    public void Domain_manifest_with_a_null_principal_is_refused_as_invalid_not_a_crash()
    {
        // Found by ParserFuzzTests (TypeSwap in the re-signed payload): binding let [null] into a non-nullable list.
        var manifest = JsonNode.Parse(ActorTrustJson.ToCanonicalBytes(V1()))!.AsObject();
        manifest["principals"]!.AsArray()[0] = null;
        var envelope = System.Text.Encoding.UTF8.GetString(EnvelopeJson.Serialize(
            Envelope.Sign(PayloadTypes.AuthorityManifest, CanonicalJson.Serialize(manifest), TestKeys.Signer(0), TestKeys.Signer(1))));

        Spec().When(new CreateDomain(envelope), Now).ShouldBeRejectedWith(DomainRejectionCodes.ManifestInvalid);
    }

    [Fact]
    public void A_null_inside_any_array_is_refused_by_the_document_reader_with_its_path()
    {
        var error = Should.Throw<FormatException>(() => ActorTrustJson.Read<DomainAuthorityManifest>("""{"principals":[{"roles":[]},null]}"""u8));

        error.Message.ShouldContain("$.principals");
        error.Message.ShouldContain("arrays may not contain null");
    }

    [Fact]
    public void Key_file_with_invalid_utf8_is_refused_with_a_format_error_not_an_invalid_operation()
    {
        // Found by KeyFileFuzzTests: Utf8JsonReader.GetString threw InvalidOperationException out of KeyFile.Parse.
        var text = "{\"kind\":\"actortrust.ed25519-key\",\"label\":\"ab"u8.ToArray();
        byte[] damaged = [.. text, 0xC3, 0x28, .. "\"}"u8];

        Should.Throw<FormatException>(() => KeyFile.Parse(damaged)).Message.ShouldContain("not valid UTF-8");
    }

    [Fact]
    public void Key_file_with_a_lone_surrogate_escape_is_refused_with_a_format_error_not_an_invalid_operation()
    {
        var damaged = "{\"kind\":\"actortrust.ed25519-key\",\"label\":\"\\ud800\"}"u8.ToArray();

        Should.Throw<FormatException>(() => KeyFile.Parse(damaged)).Message.ShouldContain("lone surrogate");
    }
}
