using System.Text;
using ActorTrust.Core.Crypto;
using ActorTrust.Core.Tests.TestSupport;

namespace ActorTrust.Core.Tests.Crypto;

/// <summary>Strict-verification verdicts on the CCTV and speccheck edge-case corpora (tests/vectors/README.md).</summary>
public sealed class EdgeCaseVectorTests
{
    private static readonly string[] RejectedFlags =
        ["low_order_A", "low_order_R", "non_canonical_A", "non_canonical_R", "reencoded_k"];

    private static readonly string[] FlagsAllowedOnAccepted = ["low_order_component_A", "low_order_component_R"];

    private static bool Verifies(string keyHex, byte[] message, string signatureHex) =>
        Ed25519PublicKey.Create(Convert.FromHexString(keyHex)).Verify(message, Convert.FromHexString(signatureHex));

    private static List<CctvVector> Cctv() => TestVectors.Load<List<CctvVector>>("ed25519", "cctv.json");

    private static List<CctvVector> AcceptedCctv() =>
        [.. Cctv().Where(v => Verifies(v.Key, Encoding.UTF8.GetBytes(v.Msg), v.Sig))];

    [Fact]
    public void Cctv_corpus_is_the_full_914_vectors()
    {
        Cctv().Count.ShouldBe(914);
    }

    [Fact]
    public void Exactly_43_cctv_vectors_verify()
    {
        AcceptedCctv().Count.ShouldBe(43);
    }

    [Fact]
    public void Every_cctv_vector_that_verifies_is_flagged_only_with_low_order_components()
    {
        var offending = AcceptedCctv().Where(v => (v.Flags ?? []).Except(FlagsAllowedOnAccepted).Any()).ToList();

        offending.ShouldBeEmpty();
    }

    [Fact]
    public void Every_cctv_vector_with_a_low_order_point_a_non_canonical_encoding_or_reencoded_k_is_rejected()
    {
        var mustReject = Cctv().Where(v => RejectedFlags.Any(v.HasFlag)).ToList();

        mustReject.Count.ShouldBeGreaterThan(800);
        mustReject.Where(v => Verifies(v.Key, Encoding.UTF8.GetBytes(v.Msg), v.Sig)).ShouldBeEmpty();
    }

    [Fact]
    public void Speccheck_accepts_only_case_3()
    {
        var cases = TestVectors.Load<List<SpeccheckVector>>("ed25519", "speccheck.json");

        var accepted = cases
            .Select((c, index) => (index, ok: Verifies(c.PubKey, Convert.FromHexString(c.Message), c.Signature)))
            .Where(r => r.ok)
            .Select(r => r.index);

        cases.Count.ShouldBe(12);
        accepted.ShouldBe([3]);
    }
}
