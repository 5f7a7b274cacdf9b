using System.Text.Json.Nodes;
using ActorTrust.Core.Json;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Audit;

/// <summary>
/// The audit excerpt of one federation peer (commitment 5): every event of its stream <c>peer|{id}</c>, from seq 1, as
/// audit-export lines (<see cref="ExportLine"/>) annotated with <c>federation_peer_id</c> and, where an event concerns a
/// grant or a migration, its <c>remote_subject</c>. The chain fields are those of the journal, so
/// <c>actortrust audit verify --export</c> verifies an excerpt like a full export; the annotations are derived from the
/// events and checked against them on reading, so an edited annotation is refused like an edited event.
/// </summary>
public static class FederationExcerpt
{
    /// <summary>The annotation naming the peer.</summary>
    public const string PeerIdMember = "federation_peer_id";

    /// <summary>The annotation naming the grant's remote subject.</summary>
    public const string RemoteSubjectMember = "remote_subject";

    /// <summary>The persistence id prefix of peer streams.</summary>
    public const string PeerStreamPrefix = "peer|";

    /// <summary>Writes the excerpt of <paramref name="peerId"/> to <paramref name="output"/>; returns how many events (0 when the peer has none).</summary>
    public static async Task<long> WriteAsync(IJournal journal, string peerId, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentException.ThrowIfNullOrEmpty(peerId);
        ArgumentNullException.ThrowIfNull(output);
        var subjects = new Subjects();
        long written = 0;
        await foreach (var record in journal.ReadStreamAsync(PeerStreamPrefix + peerId, 1, cancellationToken))
        {
            var annotations = new Dictionary<string, string?> { [PeerIdMember] = peerId, [RemoteSubjectMember] = subjects.Of(record) };
            await output.WriteAsync(ExportLine.Write(record, annotations), cancellationToken);
            output.WriteByte((byte)'\n');
            written++;
        }

        await output.FlushAsync(cancellationToken);
        return written;
    }

    /// <summary>
    /// Checks annotated lines against the events they annotate (records in file order): <c>federation_peer_id</c> must
    /// name the line's peer stream and <c>remote_subject</c> must be the subject the events give it.
    /// </summary>
    /// <exception cref="FormatException">An annotation disagrees with the events; the message names the line.</exception>
    public static void CheckAnnotations(IReadOnlyList<JournalRecord> records, IReadOnlyList<(int Line, int Index, IReadOnlyDictionary<string, string> Annotations)> annotated)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(annotated);
        if (annotated.Count == 0)
        {
            return;
        }

        var expected = new Dictionary<int, string?>();
        var perStream = new Dictionary<string, Subjects>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (!perStream.TryGetValue(record.PersistenceId, out var subjects))
            {
                perStream[record.PersistenceId] = subjects = new Subjects();
            }

            expected[i] = subjects.Of(record);
        }

        foreach (var (line, index, annotations) in annotated)
        {
            var record = records[index];
            var peerId = record.PersistenceId.StartsWith(PeerStreamPrefix, StringComparison.Ordinal) ? record.PersistenceId[PeerStreamPrefix.Length..] : null;
            if (annotations.TryGetValue(PeerIdMember, out var named) && !string.Equals(named, peerId, StringComparison.Ordinal))
            {
                throw new FormatException($"export line {line}: {PeerIdMember} '{named}' does not name the stream {record.PersistenceId}");
            }

            var subject = expected[index];
            annotations.TryGetValue(RemoteSubjectMember, out var given);
            if (!string.Equals(given, subject, StringComparison.Ordinal))
            {
                throw new FormatException($"export line {line}: {RemoteSubjectMember} '{given}' is not what the events give ('{subject}')");
            }
        }
    }

    // Remote subjects as the events of one peer stream give them: an event naming its remote_subject gives it; one
    // naming only a grant or a migration gets the subject of the event that introduced that grant or migration.
    private sealed class Subjects
    {
        private readonly Dictionary<string, string> _grants = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _migrations = new(StringComparer.Ordinal);

        public string? Of(JournalRecord record)
        {
            if (!record.PersistenceId.StartsWith(PeerStreamPrefix, StringComparison.Ordinal) || Parse(record.Payload) is not { } payload)
            {
                return null;
            }

            var grant = Text(payload, "grant_id");
            var migration = Text(payload, "migration_id");
            if (Text(payload, "remote_subject") is { } subject)
            {
                if (grant is not null)
                {
                    _grants.TryAdd(grant, subject);
                }

                if (migration is not null)
                {
                    _migrations.TryAdd(migration, subject);
                }

                return subject;
            }

            return migration is not null && _migrations.TryGetValue(migration, out var bySubject) ? bySubject
                : grant is not null && _grants.TryGetValue(grant, out var byGrant) ? byGrant
                : null;
        }

        private static JsonObject? Parse(byte[] payload)
        {
            try
            {
                return CanonicalJson.Parse(payload, new CanonicalJsonReaderOptions { MaxBytes = int.MaxValue }) as JsonObject;
            }
            catch (CanonicalJsonException)
            {
                return null;
            }
        }

        private static string? Text(JsonObject payload, string name) =>
            payload[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}
