using ActorTrust.Core.Entities;
using ActorTrust.Core.Receipts;

namespace ActorTrust.Core.Domains;

/// <summary>
/// Decides <see cref="CertifyReceipt"/> and <see cref="Certify"/> against the domain's own authority history
/// (the same checks as the offline verifiers). Refusals are returned, not recorded: the submitter is not
/// authenticated until a signature verifies.
/// </summary>
internal static class DomainCertification
{
    internal static Decision<DomainEvent> Receipt(DomainState state, CertifyReceipt command, DecisionContext context)
    {
        if (!state.Exists)
        {
            return Decision<DomainEvent>.Reject(CertificationCodes.DomainNotFound, $"domain '{context.EntityId}' has not been created");
        }

        var verdict = StatementChecks.Receipt(command.Receipt ?? string.Empty, AuthorityTimeline.Of(state), out var document);
        if (!verdict.IsAccepted)
        {
            return Decision<DomainEvent>.Reject(verdict.Code!, verdict.Detail);
        }

        var stored = state.Receipts.Find(r => r.Record.ReceiptDigest == verdict.ReceiptDigest);
        if (stored is not null && (stored.Record.Standing == ReceiptStanding.Certified || !verdict.IsCertified))
        {
            return Decision<DomainEvent>.Accept();
        }

        return Decision<DomainEvent>.Accept(new ReceiptRecorded(
            verdict.ReceiptDigest!.Value, verdict.Receipt!, verdict.Standing!.Value, document!, context.Now, verdict.SignerKeyId, verdict.AuthorityVersion));
    }

    internal static Decision<DomainEvent> Statement(DomainState state, Certify command, DecisionContext context)
    {
        if (!state.Exists)
        {
            return Decision<DomainEvent>.Reject(CertificationCodes.DomainNotFound, $"domain '{context.EntityId}' has not been created");
        }

        var verdict = StatementChecks.Certification(command.Envelope ?? string.Empty, AuthorityTimeline.Of(state), out var document);
        if (!verdict.IsValid)
        {
            return Decision<DomainEvent>.Reject(verdict.Code!, verdict.Detail);
        }

        return state.Certifications.Exists(c => c.Record.StatementDigest == verdict.StatementDigest)
            ? Decision<DomainEvent>.Accept()
            : Decision<DomainEvent>.Accept(new CertificationRecorded(
                verdict.StatementDigest!.Value, verdict.Statement!, verdict.SignerKeyId!.Value, verdict.AuthorityVersion!.Value, document!, context.Now));
    }
}
