using System.Text;
using ActorTrust.Core.Json;

namespace ActorTrust.Core.Tests.Json;

/// <summary><see cref="CanonicalJson.IsCanonical"/>: true only for the exact canonical bytes of a value.</summary>
public sealed class IsCanonicalTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[true,false,null]}""")]
    [InlineData("""{"":0,"a":{"b":"c"}}""")]
    [InlineData("""["€","\u001f","\n","/","😀"]""")]
    [InlineData("1e+21")]
    [InlineData("0.000001")]
    [InlineData("1e-7")]
    [InlineData("-9007199254740991")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void Canonical_bytes_are_recognised(string json)
    {
        CanonicalJson.IsCanonical(Encoding.UTF8.GetBytes(json)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"b":1,"a":2}""")]
    [InlineData("""{"a": 1}""")]
    [InlineData("[1] ")]
    [InlineData(" [1]")]
    [InlineData("[1.0]")]
    [InlineData("[1E+21]")]
    [InlineData("[1e21]")]
    [InlineData("[0.0000001]")]
    [InlineData("[-0]")]
    [InlineData("""["\u0041"]""")]
    [InlineData("""["\u20ac"]""")]
    [InlineData("""["\/"]""")]
    [InlineData("""["\u001F"]""")]
    [InlineData("""["\u0008"]""")]
    public void Non_canonical_spellings_of_valid_JSON_are_not_canonical(string json)
    {
        CanonicalJson.IsCanonical(Encoding.UTF8.GetBytes(json)).ShouldBeFalse();
    }

    [Fact]
    public void Refused_input_is_reported_as_not_canonical_rather_than_thrown()
    {
        CanonicalJson.IsCanonical("""{"a":1,"a":1}"""u8).ShouldBeFalse();
        CanonicalJson.IsCanonical("[NaN]"u8).ShouldBeFalse();
        CanonicalJson.IsCanonical([0xEF, 0xBB, 0xBF, (byte)'1']).ShouldBeFalse();
    }
}
