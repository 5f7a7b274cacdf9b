using System.Text;
using ActorTrust.Runtime.Journal;

namespace ActorTrust.Runtime.Audit;

/// <summary>
/// Writes a journal as JSON Lines (one <see cref="ExportLine"/> per event, in global feed order) and reads such
/// an export back into an <see cref="ExportedJournal"/> for offline verification.
/// </summary>
public static class AuditExport
{
    /// <summary>Writes every event of the feed to <paramref name="output"/>, 1000 per feed page; returns how many.</summary>
    public static Task<long> WriteAsync(IJournal journal, Stream output, CancellationToken cancellationToken) =>
        WriteAsync(journal, output, 1000, cancellationToken);

    /// <summary>Writes every event of the feed to <paramref name="output"/>, reading <paramref name="pageSize"/> at a time; returns how many.</summary>
    public static async Task<long> WriteAsync(IJournal journal, Stream output, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        long cursor = 0;
        long written = 0;
        while (true)
        {
            var page = await journal.ReadFeedAsync(cursor, pageSize, FeedFilter.All, cancellationToken);
            var before = cursor;
            foreach (var record in page)
            {
                await output.WriteAsync(ExportLine.Write(record), cancellationToken);
                output.WriteByte((byte)'\n');
                cursor = Math.Max(cursor, record.GlobalPosition);
                written++;
            }

            if (page.Count < pageSize || cursor == before)
            {
                await output.FlushAsync(cancellationToken);
                return written;
            }
        }
    }

    /// <summary>Reads an export; blank lines are skipped.</summary>
    /// <exception cref="FormatException">A line is malformed; the message names its line number.</exception>
    public static async Task<ExportedJournal> ReadAsync(Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var reader = new StreamReader(input, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var records = new List<JournalRecord>();
        var annotated = new List<(int Line, int Index, IReadOnlyDictionary<string, string> Annotations)>();
        var number = 0;
        while (await ReadLineAsync(reader, number + 1, cancellationToken) is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                records.Add(ExportLine.Read(Encoding.UTF8.GetBytes(line), out var annotations));
                if (annotations.Count > 0)
                {
                    annotated.Add((number, records.Count - 1, annotations));
                }
            }
            catch (FormatException ex)
            {
                throw new FormatException($"export line {number}: {ex.Message}", ex);
            }
        }

        FederationExcerpt.CheckAnnotations(records, annotated);
        return new ExportedJournal(records);
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, int number, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException($"export line {number}: not valid UTF-8", ex);
        }
    }
}
