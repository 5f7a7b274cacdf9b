using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Core.Receipts;

namespace ActorTrust.Core.Tests.Receipts;

/// <summary>
/// One language-neutral vector (tests/vectors/certification/CE-*.json): a receipt or certification <c>document</c> (embedded as
/// an object when it is a JSON object — its canonical JSON text is what is verified — else the raw string), the domain's
/// exported authority <c>history</c>, an optional <c>pinned_manifest</c>, and the expected verdict and code.
/// </summary>
internal sealed record CertificationVector(
    string Id, string Description, string Kind, JsonNode Document, AuthorityHistory History, CertificationVectorExpectation Expected, Digest? PinnedManifest = null)
{
    public static CertificationVector Create(string id, string description, string kind, string document, AuthorityHistory history, CertificationVectorExpectation expected, Digest? pin = null)
    {
        JsonNode node;
        try
        {
            node = CanonicalJson.Parse(Encoding.UTF8.GetBytes(document)) as JsonObject ?? (JsonNode)JsonValue.Create(document);
        }
        catch (CanonicalJsonException)
        {
            node = JsonValue.Create(document);
        }

        return new(id, description, kind, node, history, expected, pin);
    }

    /// <summary>The document text the vector verifies.</summary>
    public string Text() => Document is JsonObject obj ? Encoding.UTF8.GetString(CanonicalJson.Serialize(obj)) : Document.GetValue<string>();

    /// <summary>The verdict the verifier gives: <c>certified</c>, <c>informational</c>, <c>valid</c> or <c>refused</c>, and the code.</summary>
    public CertificationVectorExpectation Verify()
    {
        if (Kind == "receipt")
        {
            var receipt = CertificationVerifier.VerifyReceipt(Text(), History, PinnedManifest);
            return new(receipt.Standing switch { ReceiptStanding.Certified => "certified", ReceiptStanding.Informational => "informational", _ => "refused" }, receipt.Code);
        }

        var certification = CertificationVerifier.VerifyCertification(Text(), History, PinnedManifest);
        return new(certification.IsValid ? "valid" : "refused", certification.Code);
    }

    public override string ToString() => $"{Id}: {Description}";
}

/// <summary>The expected verdict and, when refused, the code (<see cref="CertificationCodes"/>).</summary>
internal sealed record CertificationVectorExpectation(string Verdict, string? Code = null)
{
    public static CertificationVectorExpectation Refused(string code) => new("refused", code);
}
