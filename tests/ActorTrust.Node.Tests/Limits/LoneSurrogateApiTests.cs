using System.Net;
using static ActorTrust.Node.Tests.Limits.NodeProbe;

namespace ActorTrust.Node.Tests.Limits;

/// <summary>
/// A JSON string may spell an unpaired UTF-16 surrogate as an escape (<c>"\udfff"</c>): well-formed JSON that has no
/// UTF-8 form, no canonical form and cannot be read as a .NET string without throwing. Every place that reads such a
/// member must answer 400 and change nothing, never 500.
/// </summary>
public sealed class LoneSurrogateApiTests
{
    private const string Lone = "\"x\\udfff\"";

    private static readonly (string Name, string Json)[] Members =
    [
        ("command_id", "\"c-1\""), ("peer_id", "\"p\""), ("operator_id", "\"o\""), ("endpoint", "\"https://p.example\""),
        ("public_key", "\"k\""), ("reason", "\"r\""), ("operator_key_id", "\"k\""), ("version", "1"), ("text", "\"t\""),
        ("session_id", "\"s\""), ("authorization", """{"payloadType":"x","payload":"e30","signatures":[]}"""),
    ];

    [Theory]
    [InlineData("v1/domains", "command_id")]
    [InlineData("v1/peers", "command_id")]
    [InlineData("v1/peers", "peer_id")]
    [InlineData("v1/peers", "reason")]
    [InlineData("v1/contracts", "text")]
    [InlineData("v1/contracts", "command_id")]
    [InlineData("v1/sessions", "session_id")]
    public async Task A_member_holding_a_lone_surrogate_escape_is_refused_400_and_writes_nothing(string path, string member)
    {
        await using var node = await NodeFixture.StartAsync(overrides: Quiet());
        var body = "{" + string.Join(",", Members.Select(m => $"\"{m.Name}\":{(m.Name == member ? Lone : m.Json)}")) + "}";
        var before = await JournalHeadAsync(node);

        var answer = await PostAsync(node, path, body);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.ToString());
        (await JournalHeadAsync(node)).ShouldBe(before);
    }
}
