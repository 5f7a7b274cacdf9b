using ActorTrust.Core.Audit;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Hashing;
using ActorTrust.Runtime.Journal;
using Microsoft.Extensions.Logging;

namespace ActorTrust.Runtime.Audit;

/// <summary>
/// Signs journal checkpoints with the node key and stores each as an event of
/// <see cref="CheckpointStream.PersistenceId"/> (ARCHITECTURE §5, audit anchoring).
/// </summary>
/// <remarks>
/// The heads are folded from the global feed, so they are exactly the streams' state at the checkpoint's
/// <see cref="JournalCheckpoint.GlobalPosition"/> (the end of the feed when the checkpoint started): every event
/// at or below it is covered and none above it. The first checkpoint reads the whole feed; later ones read only
/// what was committed since. When nothing but checkpoints was committed since the last one, no new one is written.
/// Calls are serialised; one checkpointer per journal (a second writer of the checkpoint stream gets a conflict).
/// </remarks>
public sealed partial class JournalCheckpointer(
    IJournal journal, IEnvelopeSigner nodeSigner, WriterIdentity writer, TimeProvider time, JournalCheckpointerOptions options, ILogger<JournalCheckpointer> logger)
    : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, StreamHead> _heads = new(StringComparer.Ordinal);
    private readonly int _pageSize = Validated(options).FeedPageSize;
    private long _cursor;
    private long _ownSeqNr;
    private Digest _ownHash = HashChain.Genesis(CheckpointStream.PersistenceId);
    private bool _changed = true;

    /// <summary>
    /// Takes, signs and stores a checkpoint of every stream; returns null when nothing was committed since the
    /// previous one. Throws when the checkpoint stream has another writer (conflict or fenced).
    /// </summary>
    public async Task<StoredCheckpoint?> CheckpointAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpAsync(cancellationToken);
            if (!_changed)
            {
                return null;
            }

            var now = HashChain.Truncate(time.GetUtcNow());
            var checkpoint = JournalCheckpoint.Create(writer.Node, now, _cursor, _heads.Values);
            var stored = await StoreAsync(checkpoint, JournalCheckpointEnvelope.Sign(checkpoint, nodeSigner), now, cancellationToken);
            _changed = false;
            LogCheckpointStored(logger, stored.SeqNr, checkpoint.StreamCount, checkpoint.GlobalPosition, checkpoint.HeadsRoot.ToString());
            return stored;
        }
        catch (CheckpointRaceLostException)
        {
            // Another node stored this sequence number first. Nothing of ours was written, and the heads read so far
            // stay true (the feed only grows past the cursor): the next catch-up reads the winner's checkpoint from the
            // feed and continues the chain after it, without reading the whole journal again.
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Unknown state (fenced, a failed transaction): start again from the feed next time.
            Reset();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await journal.ReadFeedAsync(_cursor, _pageSize, FeedFilter.All, cancellationToken);
            var before = _cursor;
            foreach (var record in page)
            {
                _cursor = Math.Max(_cursor, record.GlobalPosition);
                if (string.Equals(record.PersistenceId, CheckpointStream.PersistenceId, StringComparison.Ordinal))
                {
                    (_ownSeqNr, _ownHash) = record.SeqNr > _ownSeqNr ? (record.SeqNr, record.Hash) : (_ownSeqNr, _ownHash);
                }
                else if (!_heads.TryGetValue(record.PersistenceId, out var head) || record.SeqNr > head.SeqNr)
                {
                    _heads[record.PersistenceId] = new StreamHead(record.PersistenceId, record.SeqNr, record.Hash);
                    _changed = true;
                }
            }

            if (page.Count < _pageSize || _cursor == before)
            {
                return;
            }
        }
    }

    private async Task<StoredCheckpoint> StoreAsync(JournalCheckpoint checkpoint, Envelope envelope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string pid = CheckpointStream.PersistenceId;
        var payload = CheckpointStream.EncodePayload(envelope);
        var seqNr = _ownSeqNr + 1;
        var commandId = $"audit-checkpoint-{seqNr}";
        var hash = HashChain.Compute(_ownHash, pid, seqNr, CheckpointStream.EventType, payload, now, writer.Node, writer.FencingToken, commandId);
        var append = new StreamAppend(pid, _ownSeqNr, writer,
            [new EventToAppend(seqNr, CheckpointStream.EventType, payload, now, commandId, _ownHash, hash)]);
        var outcome = (await journal.AppendAsync([append], cancellationToken))[0];
        if (outcome.Status == AppendStatus.SequenceConflict)
        {
            throw new CheckpointRaceLostException($"journal checkpoint not stored: {outcome.Status}: {outcome.Detail}");
        }

        if (outcome.Status != AppendStatus.Committed)
        {
            throw new InvalidOperationException($"journal checkpoint not stored: {outcome.Status}: {outcome.Detail}");
        }

        (_ownSeqNr, _ownHash) = (seqNr, hash);
        return new StoredCheckpoint(checkpoint, envelope, seqNr, outcome.GlobalPositions[0]);
    }

    private void Reset()
    {
        _heads.Clear();
        _cursor = 0;
        _ownSeqNr = 0;
        _ownHash = HashChain.Genesis(CheckpointStream.PersistenceId);
        _changed = true;
    }

    private static JournalCheckpointerOptions Validated(JournalCheckpointerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "Journal checkpoint {SeqNr} stored: {StreamCount} streams through global position {GlobalPosition}, root {HeadsRoot}")]
    private static partial void LogCheckpointStored(ILogger logger, long seqNr, int streamCount, long globalPosition, string headsRoot);
}

/// <summary>Another writer stored the checkpoint stream's next sequence number first; nothing was written.</summary>
internal sealed class CheckpointRaceLostException(string message) : InvalidOperationException(message);
