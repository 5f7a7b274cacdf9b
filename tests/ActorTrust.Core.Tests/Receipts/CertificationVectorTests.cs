using ActorTrust.Core.Json;
using ActorTrust.Core.Receipts;
using ActorTrust.Core.Tests.TestSupport;

namespace ActorTrust.Core.Tests.Receipts;

public sealed class CertificationVectorTests
{
    private static readonly VectorFolder Folder = new("certification", "CE");

    public static TheoryData<string> VectorFiles() => [.. Folder.Files()];

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void Vector_document_gets_its_expected_verdict_against_the_exported_history(string file)
    {
        var vector = ActorTrustJson.Read<CertificationVector>(Folder.Read(file));

        vector.Verify().ShouldBe(vector.Expected, vector.ToString());
    }

    [Fact]
    public void Committed_vectors_are_exactly_what_the_fixed_seed_generator_writes()
    {
        Folder.CheckCommitted([.. CertificationVectorSet.All().Select(v => (v.Id, VectorFolder.ToFileBytes(v)))]);
    }

    [Fact]
    public void Generated_vectors_get_their_expected_verdicts_and_cover_every_verification_code()
    {
        var all = CertificationVectorSet.All();

        all.ShouldAllBe(v => v.Verify() == v.Expected);
        string[] verificationCodes =
        [
            CertificationCodes.ReceiptMalformed, CertificationCodes.CertificationMalformed, CertificationCodes.PayloadTypeUnsupported,
            CertificationCodes.StatementKindMismatch, CertificationCodes.DomainMismatch, CertificationCodes.PositionUnknown,
            CertificationCodes.SignatureInvalid, CertificationCodes.SignerNotExecutor, CertificationCodes.SignerLacksRole,
            CertificationCodes.AuthorityHistoryInvalid, CertificationCodes.AuthorityUntrusted,
        ];
        verificationCodes.Except(all.Select(v => v.Expected.Code).OfType<string>()).ShouldBeEmpty();
        all.Select(v => v.Id).ShouldBeUnique();
    }
}
