using ActorTrust.Core.Entities;
using ActorTrust.Core.Hashing;
using ActorTrust.Core.Receipts;

namespace ActorTrust.Core.Domains;

/// <summary>An execution receipt was recorded: certified by an executor, or informational (unsigned).</summary>
/// <param name="ReceiptDigest">Its content address (<c>sha256:</c> of the receipt payload bytes).</param>
/// <param name="Receipt">The receipt.</param>
/// <param name="Standing">Certified or informational.</param>
/// <param name="Document">The envelope as canonical DSSE JSON text, or the unsigned receipt's JSON, for offline re-verification.</param>
/// <param name="RecordedAt">The decision time.</param>
/// <param name="SignerKeyId">The certifying executor key, when certified.</param>
/// <param name="AuthorityVersion">The authority manifest version in force at the receipt's position, when certified.</param>
[EventName("domain.receipt-recorded.v1")]
public sealed record ReceiptRecorded(
    Digest ReceiptDigest, ExecutionReceipt Receipt, ReceiptStanding Standing, string Document, DateTimeOffset RecordedAt,
    Digest? SignerKeyId = null, long? AuthorityVersion = null) : DomainEvent;

/// <summary>A certification statement was recorded, signed by a key holding the role its kind requires.</summary>
/// <param name="StatementDigest">Its content address (<c>sha256:</c> of the statement payload bytes).</param>
/// <param name="Statement">The statement.</param>
/// <param name="SignerKeyId">The signing key that holds the required role.</param>
/// <param name="AuthorityVersion">The authority manifest version in force at the statement's position.</param>
/// <param name="Envelope">The envelope as canonical DSSE JSON text, for offline re-verification.</param>
/// <param name="RecordedAt">The decision time.</param>
[EventName("domain.certification-recorded.v1")]
public sealed record CertificationRecorded(
    Digest StatementDigest, CertificationStatement Statement, Digest SignerKeyId, long AuthorityVersion, string Envelope, DateTimeOffset RecordedAt) : DomainEvent;

/// <summary>A receipt in the domain's content-addressed store, with the journal position of the event that recorded it.</summary>
/// <param name="Position">The recording event's journal position.</param>
/// <param name="Record">The recording event.</param>
public sealed record StoredReceipt(long Position, ReceiptRecorded Record);

/// <summary>A certification in the domain's content-addressed store, with the journal position of the event that recorded it.</summary>
/// <param name="Position">The recording event's journal position.</param>
/// <param name="Record">The recording event.</param>
public sealed record StoredCertification(long Position, CertificationRecorded Record);
