using ActorTrust.Core.Federation.Grants;
using ActorTrust.Core.Federation.Migrations;

namespace ActorTrust.Core.Federation.Peers;

/// <summary>The audit fields a peer event carries in an audit excerpt (commitment 5).</summary>
/// <param name="FederationPeerId">The peer the event belongs to.</param>
/// <param name="RemoteSubject">The subject on the peer's side the action concerned, when it concerned one.</param>
public sealed record PeerAuditFields(string FederationPeerId, string? RemoteSubject = null);

/// <summary>
/// Audit excerpts (commitment 5): every event of a peer's journal is a cross-peer action; an excerpt exports them all,
/// each with <c>federation_peer_id</c> and, for grant and migration events, the grant's <c>remote_subject</c>. The
/// journal's own export carries the hash chain that makes the excerpt verifiable; this supplies the two fields.
/// </summary>
public static class PeerAudit
{
    /// <summary>The audit fields of <paramref name="event"/> in peer <paramref name="peerId"/>'s journal, folded up to <paramref name="stateBefore"/>.</summary>
    public static PeerAuditFields FieldsOf(string peerId, PeerState stateBefore, PeerEvent @event)
    {
        ArgumentNullException.ThrowIfNull(stateBefore);
        ArgumentNullException.ThrowIfNull(@event);
        var subject = @event switch
        {
            GrantIssued g => g.RemoteSubject,
            GrantRevoked g => g.RemoteSubject,
            GrantExercised g => g.RemoteSubject,
            MigrationPlanned m => m.RemoteSubject,
            IMigrationTransition m => stateBefore.Migration(m.MigrationId)?.Planned.RemoteSubject,
            _ => null,
        };
        return new PeerAuditFields(peerId, subject);
    }

    /// <summary>The audit fields of every event of a peer's journal, in order.</summary>
    public static IReadOnlyList<PeerAuditFields> FieldsOf(string peerId, IEnumerable<PeerEvent> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var state = PeerState.Empty;
        var fields = new List<PeerAuditFields>();
        foreach (var @event in journal)
        {
            fields.Add(FieldsOf(peerId, state, @event));
            state = PeerDecider.Instance.Evolve(state, @event);
        }

        return fields;
    }
}
