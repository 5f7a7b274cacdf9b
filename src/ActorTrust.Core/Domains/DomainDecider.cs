using ActorTrust.Core.Entities;

namespace ActorTrust.Core.Domains;

/// <summary>
/// The <c>domain</c> entity (id = trust domain name): owns the Domain Authority Manifest and its
/// versioned, TUF-style rotation, and the content-addressed store of execution receipts and certifications
/// checked against that history (<see cref="CertifyReceipt"/>, <see cref="Certify"/>). Pure: envelopes and time
/// come in the command and context.
/// </summary>
/// <remarks>
/// <para>
/// Rotation follows TUF's root rules, with one deliberate difference: TUF clients may walk through expired
/// intermediate roots (only the final trusted root must be unexpired), whereas ActorTrust refuses to
/// rotate from an expired current version (<see cref="DomainRejectionCodes.CurrentManifestExpired"/>) —
/// a lapsed authority may not extend itself; operators rotate before expiry.
/// </para>
/// <para>
/// Refusals are returned, not recorded: the submitter of a manifest is not authenticated until its
/// signatures verify, so recording refused attempts would let anyone grow the journal. Re-submitting the
/// current manifest (same payload digest) is accepted with no events. <see cref="Evolve"/> throws on an
/// event that cannot follow the state (a journal that skips or repeats a version is never "repaired").
/// </para>
/// </remarks>
public sealed class DomainDecider : IDecider<DomainState, DomainCommand, DomainEvent>
{
    /// <summary>The shared instance; the decider holds no state.</summary>
    public static DomainDecider Instance { get; } = new();

    /// <inheritdoc />
    public DomainState Initial => DomainState.Empty;

    /// <inheritdoc />
    public Decision<DomainEvent> Decide(DomainState state, DomainCommand command, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        return command switch
        {
            CreateDomain create => DomainCreation.Decide(state, create, context),
            RotateDomain rotate => DomainRotation.Decide(state, rotate, context),
            CertifyReceipt receipt => DomainCertification.Receipt(state, receipt, context),
            Certify certify => DomainCertification.Statement(state, certify, context),
            _ => throw new ArgumentException($"unknown domain command {command.GetType().Name}", nameof(command)),
        };
    }

    /// <inheritdoc />
    public DomainState Evolve(DomainState state, DomainEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        var position = state.Position + 1;
        return @event switch
        {
            DomainCreated created when !state.Exists && created.Manifest.Version == 1 => new DomainState(
                created.DomainId,
                [new DomainVersion(created.Manifest.Version, created.Manifest, created.ManifestDigest, created.AcceptedAt) { Position = position }])
            {
                Position = position,
            },
            DomainRotated rotated when state.Current is { } current && rotated.Manifest.Version == current.Version + 1 => state with
            {
                Position = position,
                Versions =
                [
                    .. state.Versions.Take(state.Versions.Count - 1),
                    current with { SupersededAt = rotated.AcceptedAt },
                    new DomainVersion(rotated.Manifest.Version, rotated.Manifest, rotated.ManifestDigest, rotated.AcceptedAt) { Position = position },
                ],
            },
            ReceiptRecorded recorded when state.Exists => state with
            {
                Position = position,
                Receipts = [.. state.Receipts.RemoveAll(r => r.Record.ReceiptDigest == recorded.ReceiptDigest), new StoredReceipt(position, recorded)],
            },
            CertificationRecorded recorded when state.Exists => state with
            {
                Position = position,
                Certifications = state.Certifications.Add(new StoredCertification(position, recorded)),
            },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot apply to domain state with {state.Versions.Count} version(s)"),
        };
    }
}
