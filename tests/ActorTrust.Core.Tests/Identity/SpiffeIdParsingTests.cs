using ActorTrust.Core.Identity;

namespace ActorTrust.Core.Tests.Identity;

public sealed class SpiffeIdParsingTests
{
    [Theory]
    [InlineData("spiffe://example.org", "example.org", "")]
    [InlineData("spiffe://example.org/workload", "example.org", "/workload")]
    [InlineData("spiffe://prod.acme-corp_1.io/ns/payments/sa/Web-FE", "prod.acme-corp_1.io", "/ns/payments/sa/Web-FE")]
    [InlineData("spiffe://td/a.b/..c/.d/e..", "td", "/a.b/..c/.d/e..")]
    [InlineData("spiffe://1.2.3.4/x", "1.2.3.4", "/x")]
    [InlineData("spiffe://-_.-/_", "-_.-", "/_")]
    public void Valid_ids_parse_into_trust_domain_and_path(string text, string trustDomain, string path)
    {
        SpiffeId.TryParse(text, out var id, out var error).ShouldBeTrue(error);

        id.TrustDomain.ShouldBe(trustDomain);
        id.Path.ShouldBe(path);
        id.ToString().ShouldBe(text);
        SpiffeId.Parse(text).ShouldBe(id);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("example.org/workload", "must start with 'spiffe://'")]
    [InlineData("SPIFFE://example.org", "scheme must be lowercase 'spiffe'")]
    [InlineData("Spiffe://example.org", "scheme must be lowercase 'spiffe'")]
    [InlineData("http://example.org", "scheme must be 'spiffe', got 'http'")]
    [InlineData("spiffe:example.org", "must be followed by '//'")]
    [InlineData("spiffe:/example.org", "must be followed by '//'")]
    [InlineData("spiffe://", "trust domain is empty")]
    [InlineData("spiffe:///workload", "trust domain is empty")]
    [InlineData("spiffe://Example.org", "trust domain must be lowercase; found 'E' at position 9")]
    [InlineData("spiffe://exa mple.org", "trust domain has invalid character ' '")]
    [InlineData("spiffe://example.org/a%2Fb", "percent-encoding")]
    [InlineData("spiffe://example%2eorg", "percent-encoding")]
    [InlineData("spiffe://example.org:8080/workload", "port")]
    [InlineData("spiffe://user@example.org/workload", "user info")]
    [InlineData("spiffe://example.org/workload?q=1", "query")]
    [InlineData("spiffe://example.org/workload#f", "fragment")]
    [InlineData("spiffe://example.org//workload", "empty segment ('//') at position 20")]
    [InlineData("spiffe://example.org/a//b", "empty segment")]
    [InlineData("spiffe://example.org/./workload", "path segment '.' is not allowed")]
    [InlineData("spiffe://example.org/a/..", "path segment '..' is not allowed")]
    [InlineData("spiffe://example.org/workload/", "trailing slash")]
    [InlineData("spiffe://example.org/", "trailing slash")]
    [InlineData("spiffe://example.org/a b", "path has invalid character ' ' at position 22")]
    [InlineData("spiffe://example.org/a~b", "path has invalid character '~'")]
    [InlineData("spiffe://example.org/a\\b", "path has invalid character '\\'")]
    [InlineData("spiffe://exämple.org", "must be ASCII; found U+00E4 at position 11")]
    [InlineData("spiffe://example.org/wörk", "must be ASCII")]
    public void Invalid_ids_are_refused_naming_the_rule(string text, string reason)
    {
        SpiffeId.TryParse(text, out var id, out var error).ShouldBeFalse();
        id.ShouldBeNull();
        error.ShouldContain(reason);
        Should.Throw<FormatException>(() => SpiffeId.Parse(text)).Message.ShouldContain(reason);
    }

    [Fact]
    public void Null_is_refused()
    {
        SpiffeId.TryParse(null, out _, out var error).ShouldBeFalse();
        error.ShouldContain("empty");
    }

    [Fact]
    public void Trust_domain_of_exactly_255_bytes_is_accepted()
    {
        var trustDomain = new string('a', SpiffeId.MaxTrustDomainLength);

        SpiffeId.Parse("spiffe://" + trustDomain + "/x").TrustDomain.ShouldBe(trustDomain);
    }

    [Fact]
    public void Trust_domain_of_256_bytes_is_refused()
    {
        SpiffeId.TryParse("spiffe://" + new string('a', 256), out _, out var error).ShouldBeFalse();
        error.ShouldContain("trust domain is 256 bytes; the limit is 255");
    }

    [Fact]
    public void Id_of_exactly_2048_bytes_is_accepted()
    {
        var text = WithLength(SpiffeId.MaxLength);

        SpiffeId.Parse(text).ToString().Length.ShouldBe(2048);
    }

    [Fact]
    public void Id_of_2049_bytes_is_refused()
    {
        SpiffeId.TryParse(WithLength(2049), out _, out var error).ShouldBeFalse();
        error.ShouldContain("SPIFFE ID is 2049 bytes; the limit is 2048");
    }

    // spiffe://example.org/ followed by 100-character segments, the last one trimmed to hit the length.
    private static string WithLength(int length)
    {
        var text = "spiffe://example.org";
        while (text.Length < length)
        {
            text += "/" + new string('s', Math.Min(100, length - text.Length - 1));
        }

        text.Length.ShouldBe(length);
        return text;
    }
}
