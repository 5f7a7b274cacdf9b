using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Json;
using ActorTrust.Runtime.Journal;
using FsCheck;
using FsCheck.Fluent;

namespace ActorTrust.Runtime.Tests.Journal;

public sealed class HashChainTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 23, 23, 15, 123, TimeSpan.Zero);

    // Computed independently from the definition (Python: SHA-256 over the tag, prev_hash and the envelope
    // serialised with sorted keys, no whitespace, non-ASCII unescaped — RFC 8785 for this input).
    [Fact]
    public void Hash_matches_an_independently_computed_vector()
    {
        const string pid = "agent|spiffe://example.org/agent/é";
        var prev = HashChain.Genesis(pid);

        var hash = HashChain.Compute(prev, pid, 7, "agent.registered.v1", Encoding.UTF8.GetBytes("{\"by\":3,\"note\":\"中文 ✓\"}"),
            At, "node-a:7000:3", 42, "cmd \"1\"\n");

        Convert.ToHexStringLower(prev.Bytes).ShouldBe("f28dfaf740dd45b8e4850375f172e50c9662befe52c6001a6f0f036ee74b387e");
        Convert.ToHexStringLower(hash.Bytes).ShouldBe("87cb1e17e1785bf47e730afcc7b29645489c735d7503911a9fa51054db0243c7");
    }

    [Fact]
    public void Hash_is_sha256_of_the_tag_the_previous_hash_and_the_canonical_envelope()
    {
        var fragments = Gen.Elements("a", "Z", "|", ":", "é", "中", "😀", "\"", "\\", "\n", "\u0001", "\u007f", " ", "/", "\u2028");
        var text = Gen.ListOf(fragments).Select(parts => string.Concat(parts));
        var safe = Gen.Choose(-1_000_000, 1_000_000).Select(i => (long)i * 9_007_199);
        var cases =
            from commandId in text
            from eventType in text
            from pid in text
            from node in text
            from seqNr in safe
            from token in safe
            from note in text
            select (commandId, eventType, pid, node, seqNr, token, note);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (commandId, eventType, pid, node, seqNr, token, note) = c;
            var payload = CanonicalJson.Serialize(new JsonObject { ["note"] = note, ["n"] = seqNr });
            var prev = Digest.Sha256(Encoding.UTF8.GetBytes(pid));
            return HashChain.Compute(prev, pid, seqNr, eventType, payload, At, node, token, commandId)
                == Reference(prev, pid, seqNr, eventType, payload, node, token, commandId);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Lone_surrogate_in_a_field_is_refused_rather_than_hashed()
    {
        Should.Throw<CanonicalJsonException>(() =>
            HashChain.Compute(Digest.Zero, "a|b", 1, "x.v1", "{}"u8, At, "n", 1, "bad\ud800"));
    }

    private static Digest Reference(Digest prev, string pid, long seqNr, string eventType, byte[] payload, string node, long token, string commandId)
    {
        var envelope = new JsonObject
        {
            ["writer_token"] = token,
            ["writer_node"] = node,
            ["timestamp"] = "2026-11-21T23:23:15.123Z",
            ["seq_nr"] = seqNr,
            ["persistence_id"] = pid,
            ["payload"] = CanonicalJson.Parse(payload),
            ["event_type"] = eventType,
            ["command_id"] = commandId,
        };
        return Digest.FromBytes(SHA256.HashData([.. Encoding.ASCII.GetBytes("actortrust/journal-event/v1\n"), .. prev.Bytes, .. CanonicalJson.Serialize(envelope)]));
    }
}
