using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using static ActorTrust.Hocon.Tests.HoconTestSupport;

namespace ActorTrust.Hocon.Tests;

/// <summary>HOCON is a JSON superset: JSON-encoded values read back unchanged.</summary>
public sealed class JsonCompatibilityProperties
{
    [Fact]
    public void Any_json_encoded_string_reads_back_unchanged()
    {
        Prop.ForAll(Arb.From(ArbMap.Default.GeneratorFor<NonNull<string>>()), text =>
            {
                var json = JsonSerializer.Serialize(text.Get);
                return Load($"{{ \"value\": {json} }}")["value"] == text.Get;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_json_encoded_key_reads_back_as_one_key()
    {
        var keys = ArbMap.Default.GeneratorFor<NonNull<string>>()
            .Where(k => !k.Get.Contains(':', StringComparison.Ordinal));
        Prop.ForAll(Arb.From(keys), key =>
            {
                var data = Load($"{JsonSerializer.Serialize(key.Get)} = 1");
                return data.Count == 1 && data[key.Get] == "1";
            })
            .QuickCheckThrowOnFailure();
    }
}
