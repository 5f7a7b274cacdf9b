using ActorTrust.Core.Crypto;
using ActorTrust.Core.Envelopes;

namespace ActorTrust.Runtime.Audit;

/// <summary>What an audit trusts and how it reads the journal.</summary>
public sealed record AuditOptions
{
    /// <summary>Node keys whose signatures make a journal checkpoint count. With none, every checkpoint is reported invalid.</summary>
    public IReadOnlyCollection<Ed25519PublicKey> TrustedNodeKeys { get; init; } = [];

    /// <summary>
    /// Checkpoint envelopes the auditor holds from outside the journal (saved earlier, published elsewhere). They
    /// are verified and checked against the streams like stored ones, and also protect against an attacker who
    /// truncates <see cref="CheckpointStream.PersistenceId"/> itself.
    /// </summary>
    public IReadOnlyList<Envelope> KnownCheckpoints { get; init; } = [];

    /// <summary>Events per global-feed page.</summary>
    public int FeedPageSize { get; init; } = 1000;

    /// <summary>The clock used to measure how long the audit took.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(TrustedNodeKeys);
        ArgumentNullException.ThrowIfNull(KnownCheckpoints);
        ArgumentNullException.ThrowIfNull(Time);
        if (FeedPageSize <= 0)
        {
            throw new ArgumentException("actortrust.audit.feed-page-size must be positive");
        }
    }
}
