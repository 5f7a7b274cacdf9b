using System.Text;
using System.Text.Json;

namespace ActorTrust.Cli.Tests;

public sealed class EnvelopeCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Signed_envelope_verifies_against_the_exported_public_key_and_yields_the_payload()
    {
        await _cli.Run("keys", "generate", "--out", _cli.PathOf("op.key"));
        await _cli.Run("keys", "export-public", _cli.PathOf("op.key"), "--out", _cli.PathOf("op.pub"));
        File.WriteAllText(_cli.PathOf("m.json"), """{"agent_id":"spiffe://example.org/a"}""");

        (await _cli.Run("envelope", "sign", "--key", _cli.PathOf("op.key"), "--type", "agent-manifest", "--in", _cli.PathOf("m.json"), "--out", _cli.PathOf("m.dsse"))).Exit.ShouldBe(0);
        var (exit, output, _) = await _cli.Run("envelope", "verify", "--in", _cli.PathOf("m.dsse"), "--trust", _cli.PathOf("op.pub"), "--payload-out", _cli.PathOf("out.json"), "--json");

        exit.ShouldBe(0);
        JsonDocument.Parse(output).RootElement.GetProperty("verified").GetBoolean().ShouldBeTrue();
        File.ReadAllText(_cli.PathOf("out.json")).ShouldBe("""{"agent_id":"spiffe://example.org/a"}""");
    }

    [Fact]
    public async Task Envelope_from_an_untrusted_key_is_refused_with_exit_code_3()
    {
        await _cli.Run("keys", "generate", "--out", _cli.PathOf("op.key"));
        await _cli.Run("keys", "generate", "--out", _cli.PathOf("other.key"));
        File.WriteAllText(_cli.PathOf("m.json"), "{}");
        await _cli.Run("envelope", "sign", "--key", _cli.PathOf("op.key"), "--type", "agent-manifest", "--in", _cli.PathOf("m.json"), "--out", _cli.PathOf("m.dsse"));

        var (exit, output, _) = await _cli.Run("envelope", "verify", "--in", _cli.PathOf("m.dsse"), "--trust", _cli.PathOf("other.key"));

        exit.ShouldBe(3);
        output.ShouldContain("REFUSED: ThresholdNotMet");
    }

    [Fact]
    public async Task Threshold_of_two_needs_two_distinct_signers()
    {
        await _cli.Run("keys", "generate", "--out", _cli.PathOf("a.key"));
        await _cli.Run("keys", "generate", "--out", _cli.PathOf("b.key"));
        File.WriteAllText(_cli.PathOf("m.json"), "{}");
        await _cli.Run("envelope", "sign", "--key", _cli.PathOf("a.key"), "--key", _cli.PathOf("b.key"), "--type", "agent-manifest", "--in", _cli.PathOf("m.json"), "--out", _cli.PathOf("two.dsse"));
        await _cli.Run("envelope", "sign", "--key", _cli.PathOf("a.key"), "--key", _cli.PathOf("a.key"), "--type", "agent-manifest", "--in", _cli.PathOf("m.json"), "--out", _cli.PathOf("one.dsse"));

        (await _cli.Run("envelope", "verify", "--in", _cli.PathOf("two.dsse"), "--trust", _cli.PathOf("a.key"), "--trust", _cli.PathOf("b.key"), "--threshold", "2")).Exit.ShouldBe(0);
        (await _cli.Run("envelope", "verify", "--in", _cli.PathOf("one.dsse"), "--trust", _cli.PathOf("a.key"), "--trust", _cli.PathOf("b.key"), "--threshold", "2")).Exit.ShouldBe(3);
    }

    [Fact]
    public async Task Tampered_envelope_is_refused()
    {
        await _cli.Run("keys", "generate", "--out", _cli.PathOf("op.key"));
        File.WriteAllText(_cli.PathOf("m.json"), """{"n":1}""");
        await _cli.Run("envelope", "sign", "--key", _cli.PathOf("op.key"), "--type", "agent-manifest", "--in", _cli.PathOf("m.json"), "--out", _cli.PathOf("m.dsse"));
        var doc = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("m.dsse"))).RootElement;
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"n":2}"""));
        File.WriteAllText(_cli.PathOf("m.dsse"), File.ReadAllText(_cli.PathOf("m.dsse")).Replace(doc.GetProperty("payload").GetString()!, forged, StringComparison.Ordinal));

        (await _cli.Run("envelope", "verify", "--in", _cli.PathOf("m.dsse"), "--trust", _cli.PathOf("op.key"))).Exit.ShouldBe(3);
    }

    [Theory]
    [InlineData("not json", "envelope:")]
    [InlineData("""{"payload":"e30=","payload":"e30=","payloadType":"t","signatures":[{"sig":"AA=="}]}""", "duplicate key")]
    [InlineData("""{"payload":"e30=","payloadType":"t","signatures":[]}""", "'signatures' is empty")]
    public async Task Malformed_envelopes_fail_with_a_one_line_cause(string content, string cause)
    {
        await _cli.Run("keys", "generate", "--out", _cli.PathOf("op.key"));
        File.WriteAllText(_cli.PathOf("bad.dsse"), content);

        var (exit, _, error) = await _cli.Run("envelope", "verify", "--in", _cli.PathOf("bad.dsse"), "--trust", _cli.PathOf("op.key"));

        exit.ShouldBe(1);
        error.ShouldContain(cause);
        error.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public async Task Sign_refuses_a_payload_that_is_not_strict_json_and_an_unknown_type()
    {
        await _cli.Run("keys", "generate", "--out", _cli.PathOf("op.key"));
        File.WriteAllText(_cli.PathOf("dup.json"), """{"a":1,"a":2}""");
        File.WriteAllText(_cli.PathOf("ok.json"), "{}");

        (await _cli.Run("envelope", "sign", "--key", _cli.PathOf("op.key"), "--type", "agent-manifest", "--in", _cli.PathOf("dup.json"))).Exit.ShouldBe(1);
        var (exit, _, error) = await _cli.Run("envelope", "sign", "--key", _cli.PathOf("op.key"), "--type", "nonsense", "--in", _cli.PathOf("ok.json"));
        exit.ShouldBe(1);
        error.ShouldContain("unknown payload type");
    }
}
