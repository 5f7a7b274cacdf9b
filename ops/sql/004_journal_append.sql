-- ActorTrust PostgreSQL schema, version 4: the fenced batch append as one server-side statement.
--
-- journal_append does, in one statement (so one round trip, committed by the caller's implicit transaction), what
-- an append transaction did in three: (1) journal_reserve_positions first, which gives the transaction its id
-- together with its feed positions (see README.md, "Why the global feed never skips"); (2) lock the batch's lease
-- rows FOR SHARE in (kind, shard) order; (3) per stream, check the owner node and exact fencing token of its
-- shard, the stream head (expected seq, prev hash or the genesis hash) and the stream's last writer token;
-- (4) insert every accepted event with one INSERT. A unique violation aborts the whole statement.
--
-- Streams are given as parallel arrays (s_*), one element per stream; events as parallel arrays (e_*), each
-- naming its stream by its 1-based index in e_stream. The caller guarantees one append per stream in the batch, a
-- known shard for every stream (its kind is registered), and events numbered expected+1, expected+2, ... .
-- Positions go to accepted streams in batch order; refused streams leave their part of the reservation unused.
--
-- status: 0 committed, 1 no lease row for the shard, 2 the shard is held by another owner or token,
-- 3 the stream is not at the expected seq, 4 prev hash differs from the head, 5 the writer token is older than
-- the stream's last writer token. The head and lease columns let the caller explain a refusal.
CREATE FUNCTION journal_append(
  s_pid text[], s_kind text[], s_shard integer[], s_expected bigint[], s_prev bytea[], s_genesis bytea[],
  s_node text[], s_token bigint[], s_count integer[],
  e_stream integer[], e_seq bigint[], e_type text[], e_payload bytea[], e_ts timestamptz[], e_cmd text[], e_prev bytea[], e_hash bytea[])
RETURNS TABLE (stream integer, status smallint, first_pos bigint,
               head_seq bigint, head_hash bytea, head_token bigint, lease_owner text, lease_token bigint)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  first_position bigint;
BEGIN
  IF array_position(s_shard, NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'journal_append: every stream needs its shard';
  END IF;

  -- Nothing before this may give the transaction an id.
  first_position := journal_reserve_positions((SELECT sum(c)::integer FROM unnest(s_count) AS c));

  PERFORM 1
     FROM shard_leases AS l
     JOIN (SELECT DISTINCT w.kind, w.shard FROM unnest(s_kind, s_shard) AS w(kind, shard)) AS w
       ON l.kind = w.kind AND l.shard = w.shard
    ORDER BY l.kind, l.shard
      FOR SHARE OF l;

  RETURN QUERY
  WITH s AS (
    SELECT u.* FROM unnest(s_pid, s_kind, s_shard, s_expected, s_prev, s_genesis, s_node, s_token, s_count)
           WITH ORDINALITY AS u(pid, kind, shard, expected, prev, genesis, node, token, n, i)
  ), checked AS (
    SELECT s.*, h.seq_nr AS hseq, h.hash AS hhash, h.writer_token AS htoken, l.owner_node AS lowner, l.fencing_token AS ltoken,
           (CASE
              WHEN l.kind IS NULL THEN 1
              WHEN l.owner_node IS DISTINCT FROM s.node OR l.fencing_token <> s.token THEN 2
              WHEN coalesce(h.seq_nr, 0) <> s.expected THEN 3
              WHEN coalesce(h.hash, s.genesis) IS DISTINCT FROM s.prev THEN 4
              WHEN h.writer_token IS NOT NULL AND s.token < h.writer_token THEN 5
              ELSE 0
            END)::smallint AS verdict
      FROM s
      LEFT JOIN shard_leases AS l ON l.kind = s.kind AND l.shard = s.shard
      LEFT JOIN LATERAL (SELECT j.seq_nr, j.hash, j.writer_token FROM journal AS j
                          WHERE j.persistence_id = s.pid ORDER BY j.seq_nr DESC LIMIT 1) AS h ON true
  ), placed AS (
    SELECT c.*, first_position + coalesce(sum(CASE WHEN c.verdict = 0 THEN c.n ELSE 0 END)
             OVER (ORDER BY c.i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS start_pos
      FROM checked AS c
  ), inserted AS (
    INSERT INTO journal (global_pos, persistence_id, kind, seq_nr, event_type, payload, timestamp,
                         writer_node, writer_token, command_id, prev_hash, hash)
    SELECT p.start_pos + (e.seq - p.expected - 1), p.pid, p.kind, e.seq, e.type, e.payload, e.ts,
           p.node, p.token, e.cmd, e.prev, e.hash
      FROM unnest(e_stream, e_seq, e_type, e_payload, e_ts, e_cmd, e_prev, e_hash) AS e(stream, seq, type, payload, ts, cmd, prev, hash)
      JOIN placed AS p ON p.i = e.stream
     WHERE p.verdict = 0
  )
  SELECT p.i::integer, p.verdict, CASE WHEN p.verdict = 0 THEN p.start_pos END,
         p.hseq, p.hhash, p.htoken, p.lowner, p.ltoken
    FROM placed AS p
   ORDER BY p.i;
END;
$$;
