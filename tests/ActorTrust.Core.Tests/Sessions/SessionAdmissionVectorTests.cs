using ActorTrust.Core.Entities;
using ActorTrust.Core.Json;
using ActorTrust.Core.Sessions;
using ActorTrust.Core.Tests.TestSupport;

namespace ActorTrust.Core.Tests.Sessions;

public sealed class SessionAdmissionVectorTests
{
    private static readonly VectorFolder Folder = new("session-admission", "SA");

    public static TheoryData<string> VectorFiles() => [.. Folder.Files()];

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void Vector_input_gets_its_expected_verdict(string file)
    {
        var vector = ActorTrustJson.Read<SessionAdmissionVector>(Folder.Read(file));

        var decision = SessionDecider.Instance.Decide(SessionState.Empty, vector.Command(), new DecisionContext(vector.Context.SessionId, vector.Context.Now, 0));

        var facts = decision.Events.ShouldHaveSingleItem(vector.ToString()) switch
        {
            SessionAdmitted admitted => admitted.Facts,
            SessionRefused refused => refused.Facts,
            var other => throw new ShouldAssertException($"{vector}: unexpected {other}"),
        };
        (decision.IsAccepted ? "admitted" : "refused").ShouldBe(vector.Expected.Verdict, $"{vector}: {decision.Rejection}");
        decision.Rejection?.Code.ShouldBe(vector.Expected.Code, vector.ToString());
        facts.Claims.Disposition.ShouldBe(vector.Expected.Disposition, $"{vector}: {facts.Claims.Detail}");
    }

    [Fact]
    public void Committed_vectors_are_exactly_what_the_fixed_seed_generator_writes()
    {
        Folder.CheckCommitted([.. SessionAdmissionVectorSet.All().Select(v => (v.Id, VectorFolder.ToFileBytes(v)))]);
    }

    [Fact]
    public void Vectors_cover_every_admission_refusal_code_and_every_disposition()
    {
        var all = SessionAdmissionVectorSet.All();
        string[] admissionCodes =
        [
            SessionRejectionCodes.SessionClaimsMissing, SessionRejectionCodes.SessionClaimsDetached, SessionRejectionCodes.SessionClaimsInvalid,
            SessionRejectionCodes.AgentNotRegistered, SessionRejectionCodes.ManifestRevoked, SessionRejectionCodes.ManifestExpired,
            SessionRejectionCodes.ManifestSignatureInvalid, SessionRejectionCodes.ManifestNotCurrent, SessionRejectionCodes.IssuerAuthorityUnavailable,
            SessionRejectionCodes.IssuerKeyNotPublisher, SessionRejectionCodes.SubjectSourceNotAllowed, SessionRejectionCodes.AgentIdMismatch,
            SessionRejectionCodes.PolicyHashDrift, SessionRejectionCodes.CatalogHashDrift, SessionRejectionCodes.RuntimeIdentityNotAllowed,
        ];

        admissionCodes.Except(all.Select(v => v.Expected.Code).OfType<string>()).ShouldBeEmpty();
        Enum.GetValues<ClaimsDisposition>().Except(all.Select(v => v.Expected.Disposition)).ShouldBeEmpty();
        all.Select(v => v.Id).ShouldBeUnique();
    }
}
