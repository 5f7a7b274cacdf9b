using ActorTrust.Runtime.Journal;
using Npgsql;
using NpgsqlTypes;

namespace ActorTrust.Persistence.PostgreSql;

/// <summary>Column arrays for one multi-row <c>INSERT … SELECT * FROM unnest(…)</c> into <c>journal</c>.</summary>
internal sealed class InsertRows(int capacity)
{
    private readonly List<long> _positions = new(capacity);
    private readonly List<string> _pids = new(capacity);
    private readonly List<string> _kinds = new(capacity);
    private readonly List<long> _seqNrs = new(capacity);
    private readonly List<string> _types = new(capacity);
    private readonly List<byte[]> _payloads = new(capacity);
    private readonly List<DateTime> _timestamps = new(capacity);
    private readonly List<string> _nodes = new(capacity);
    private readonly List<long> _tokens = new(capacity);
    private readonly List<string> _commands = new(capacity);
    private readonly List<byte[]> _prevHashes = new(capacity);
    private readonly List<byte[]> _hashes = new(capacity);

    public int Count => _positions.Count;

    public void Add(long position, StreamAppend append, EventToAppend e)
    {
        _positions.Add(position);
        _pids.Add(append.PersistenceId);
        _kinds.Add(PersistenceIds.KindOf(append.PersistenceId));
        _seqNrs.Add(e.SeqNr);
        _types.Add(e.EventType);
        _payloads.Add(e.Payload);
        _timestamps.Add(JournalRows.ToUtc(e.Timestamp));
        _nodes.Add(append.Writer.Node);
        _tokens.Add(append.Writer.FencingToken);
        _commands.Add(e.CommandId);
        _prevHashes.Add(e.PrevHash.Bytes.ToArray());
        _hashes.Add(e.Hash.Bytes.ToArray());
    }

    public void Bind(NpgsqlParameterCollection parameters)
    {
        Add(parameters, _positions, NpgsqlDbType.Bigint);
        Add(parameters, _pids, NpgsqlDbType.Text);
        Add(parameters, _kinds, NpgsqlDbType.Text);
        Add(parameters, _seqNrs, NpgsqlDbType.Bigint);
        Add(parameters, _types, NpgsqlDbType.Text);
        Add(parameters, _payloads, NpgsqlDbType.Bytea);
        Add(parameters, _timestamps, NpgsqlDbType.TimestampTz);
        Add(parameters, _nodes, NpgsqlDbType.Text);
        Add(parameters, _tokens, NpgsqlDbType.Bigint);
        Add(parameters, _commands, NpgsqlDbType.Text);
        Add(parameters, _prevHashes, NpgsqlDbType.Bytea);
        Add(parameters, _hashes, NpgsqlDbType.Bytea);
    }

    private static void Add<T>(NpgsqlParameterCollection parameters, List<T> values, NpgsqlDbType type) =>
        parameters.Add(new NpgsqlParameter { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type });
}
