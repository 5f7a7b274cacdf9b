using System.Text;
using System.Text.Json;
using ActorTrust.Core.Json;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Core.Tests.Json;

/// <summary>
/// <see cref="CanonicalScan"/>, the tree-free fast path of the canonical check: it may be unsure, but it never
/// calls canonical what the full path (strict parse, write again, compare bytes) does not.
/// </summary>
public sealed class CanonicalScanTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);

    [Theory]
    [InlineData("""{"a":1,"b":[true,false,null]}""")]
    [InlineData("""{"":0,"a":{"b":"c"},"b":[]}""")]
    [InlineData("""["€","/","😀",-1.5,1e+21,0.000001]""")]
    [InlineData("""{"é":1,"ê":2}""")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void Plain_canonical_documents_are_confirmed_in_one_pass(string json)
    {
        CanonicalScan.IsCanonical(Encoding.UTF8.GetBytes(json), CanonicalJsonReaderOptions.Default).ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"b":1,"a":2}""")]
    [InlineData("""{"a":1,"a":1}""")]
    [InlineData("""{"a": 1}""")]
    [InlineData("""{ "a":1}""")]
    [InlineData("[1] ")]
    [InlineData(" [1]")]
    [InlineData("[1,2 ]")]
    [InlineData("[1.0]")]
    [InlineData("[1E+21]")]
    [InlineData("[-0]")]
    [InlineData("[9007199254740993]")]
    [InlineData("""["\u0041"]""")]
    [InlineData("""["\n"]""")]
    [InlineData("""{"\u0061":1}""")]
    [InlineData("""{"😀":1}""")]
    [InlineData("[1]x")]
    [InlineData("[1][2]")]
    [InlineData("")]
    public void Anything_unusual_or_non_canonical_is_left_to_the_full_path(string json)
    {
        CanonicalScan.IsCanonical(Encoding.UTF8.GetBytes(json), CanonicalJsonReaderOptions.Default).ShouldBeFalse();
    }

    [Fact]
    public void A_byte_order_mark_invalid_UTF8_and_the_depth_limit_are_not_confirmed()
    {
        var options = new CanonicalJsonReaderOptions { MaxDepth = 2 };

        CanonicalScan.IsCanonical([0xEF, 0xBB, 0xBF, (byte)'1'], options).ShouldBeFalse();
        CanonicalScan.IsCanonical([(byte)'"', 0xC3, (byte)'"'], options).ShouldBeFalse();
        CanonicalScan.IsCanonical("[[1]]"u8, options).ShouldBeTrue();
        CanonicalScan.IsCanonical("[[[1]]]"u8, options).ShouldBeFalse();
        CanonicalScan.IsCanonical("[1]"u8, new CanonicalJsonReaderOptions { MaxBytes = 2 }).ShouldBeFalse();
    }

    [Fact]
    public void The_schema_member_is_read_only_from_a_canonical_object_with_a_string_schema()
    {
        var options = CanonicalJsonReaderOptions.Default;

        CanonicalScan.IsCanonicalObject("""{"a":{"schema":"inner"},"schema":"outer"}"""u8, options, out var schema).ShouldBeTrue();
        schema.ShouldBe("outer");
        CanonicalScan.IsCanonicalObject("""{"schema":1}"""u8, options, out _).ShouldBeFalse();
        CanonicalScan.IsCanonicalObject("""{"a":{"schema":"inner"}}"""u8, options, out _).ShouldBeFalse();
        CanonicalScan.IsCanonicalObject("""["schema"]"""u8, options, out _).ShouldBeFalse();
    }

    [Fact]
    public void Confirmed_canonical_is_canonical_for_the_full_path_on_random_documents_and_their_respellings()
    {
        var indented = new JsonSerializerOptions { WriteIndented = true };
        Check.One(Runs, Prop.ForAll(JsonTreeGenerator.Trees, tree =>
        {
            var canonical = CanonicalJson.Serialize(tree);
            var respelled = Encoding.UTF8.GetBytes(tree?.ToJsonString(indented) ?? "null");
            var compact = Encoding.UTF8.GetBytes(tree?.ToJsonString() ?? "null");
            return AgreesWithFullPath(canonical) && AgreesWithFullPath(respelled) && AgreesWithFullPath(compact);
        }));
    }

    [Fact]
    public void Confirmed_canonical_is_canonical_for_the_full_path_after_any_single_byte_edit()
    {
        var edits = Gen.Choose(0, int.MaxValue).ToArbitrary();
        Check.One(Runs, Prop.ForAll(JsonTreeGenerator.Trees, edits, (tree, edit) =>
        {
            var canonical = CanonicalJson.Serialize(tree);
            var at = edit % (canonical.Length + 1);
            var value = (byte)" \",:{}[]0e.-\\a1"[edit / 7 % 15];
            var edited = (edit / 3 % 3) switch
            {
                0 => [.. canonical[..at], value, .. canonical[at..]],
                1 when at < canonical.Length => [.. canonical[..at], .. canonical[(at + 1)..]],
                _ when at < canonical.Length => [.. canonical[..at], value, .. canonical[(at + 1)..]],
                _ => canonical,
            };
            return AgreesWithFullPath(edited);
        }));
    }

    private static bool AgreesWithFullPath(byte[] utf8)
    {
        if (!CanonicalScan.IsCanonical(utf8, CanonicalJsonReaderOptions.Default))
        {
            return true;
        }

        try
        {
            return CanonicalJson.Serialize(CanonicalJson.Parse(utf8)).AsSpan().SequenceEqual(utf8);
        }
        catch (CanonicalJsonException)
        {
            return false;
        }
    }
}
