-- ActorTrust PostgreSQL schema, version 7: journal_append_fenced, journal_append_batch (006) at less cost per event.
--
-- The same work, in the same order, with the same guarantees as journal_append_batch, which stays for builds of
-- schema 6: (1) journal_reserve_positions first, which gives the transaction its id together with its feed positions
-- (README.md, "Why the global feed never skips"); (2) lock the batch's lease rows FOR SHARE in (kind, shard) order;
-- (3) per stream, check the owner node and exact fencing token of its shard, the stream head (expected seq, prev hash
-- or the genesis hash) and the stream's last writer token; (4) insert every accepted event with one INSERT. A unique
-- violation aborts the whole statement.
--
-- What changed, each measured (ops/sql/README.md):
-- * Fencing is checked once per distinct writer of a shard, not once per stream. The caller sends the batch's
--   distinct fences (kind, shard, writer node, writer token) as f_* arrays and, per stream, the 1-based index of its
--   fence in s_fence; the lease rows are locked and read by one statement and each fence's verdict is kept in an
--   array. A stream is fenced exactly when its fence is.
-- * The usual batch, every stream accepted, is found by counting refusals (one pass, no aggregate sorts) and is
--   inserted with positions first + index - 1. Only a batch with a refusal runs 006's detailed verdict query (heads
--   read again; a head only moves forward, and that one query decides every stream of the batch).
-- * Kind, writer node and writer token are taken from the stream's fence; the per-stream node, token, kind and count
--   arrays are gone (the reservation is cardinality(e_seq)).
--
-- The caller guarantees one append per stream, a fence for every stream (its kind is registered), and events
-- numbered expected+1, expected+2, ... . Result rows are those of journal_append_batch: stream 0 with status 0 and
-- first_pos; then, for each refused stream, its 1-based index with status 1 no lease row for the shard, 2 the shard
-- is held by another owner or token, 3 the stream is not at the expected seq, 4 prev hash differs from the head,
-- 5 the writer token is older than the stream's last writer token; the head and lease columns explain the refusal.
CREATE FUNCTION journal_append_fenced(
  f_kind text[], f_shard integer[], f_node text[], f_token bigint[],
  s_pid text[], s_fence integer[], s_expected bigint[], s_prev bytea[], s_genesis bytea[],
  e_stream integer[], e_seq bigint[], e_type text[], e_payload bytea[], e_ts timestamptz[], e_cmd text[], e_prev bytea[], e_hash bytea[])
RETURNS TABLE (stream integer, status smallint, first_pos bigint,
               head_seq bigint, head_hash bytea, head_token bigint, lease_owner text, lease_token bigint)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  first_position bigint;
  fenced integer;
  refused integer;
  f_verdict smallint[];
  f_owner text[];
  f_ltoken bigint[];
  verdicts smallint[];
  r_stream integer[];
  r_status smallint[];
  r_head_seq bigint[];
  r_head_hash bytea[];
  r_head_token bigint[];
  r_lease_owner text[];
  r_lease_token bigint[];
BEGIN
  IF array_position(f_shard, NULL) IS NOT NULL OR array_position(s_fence, NULL) IS NOT NULL
     OR cardinality(s_fence) <> cardinality(s_pid) OR cardinality(e_seq) < 1 THEN
    RAISE EXCEPTION 'journal_append_fenced: every stream needs its fence, and the batch an event';
  END IF;

  -- Nothing before this may give the transaction an id.
  first_position := journal_reserve_positions(cardinality(e_seq));

  -- Lock the batch's lease rows FOR SHARE in (kind, shard) order, and judge each fence against its row.
  WITH l AS MATERIALIZED (
         SELECT l.kind, l.shard, l.owner_node, l.fencing_token
           FROM shard_leases AS l
          WHERE (l.kind, l.shard) IN (SELECT w.kind, w.shard FROM unnest(f_kind, f_shard) AS w(kind, shard))
          ORDER BY l.kind, l.shard
            FOR SHARE OF l)
  SELECT count(*) FILTER (WHERE v.verdict <> 0)::integer,
         array_agg(v.verdict ORDER BY v.i), array_agg(v.owner_node ORDER BY v.i), array_agg(v.fencing_token ORDER BY v.i)
    INTO fenced, f_verdict, f_owner, f_ltoken
    FROM (SELECT f.i, l.owner_node, l.fencing_token,
                 (CASE
                    WHEN l.kind IS NULL THEN 1
                    WHEN l.owner_node IS DISTINCT FROM f.node OR l.fencing_token <> f.token THEN 2
                    ELSE 0
                  END)::smallint AS verdict
            FROM unnest(f_kind, f_shard, f_node, f_token) WITH ORDINALITY AS f(kind, shard, node, token, i)
            LEFT JOIN l ON l.kind = f.kind AND l.shard = f.shard) AS v;

  -- The usual batch: count the refused streams only. The head is looked for at or above the expected seq (the bound
  -- ends the backward scan at the head); a stream with nothing there is refused (a new stream expects 0).
  SELECT count(*)::integer INTO refused
    FROM unnest(s_pid, s_fence, s_expected, s_prev, s_genesis) AS s(pid, fence, expected, prev, genesis)
    LEFT JOIN LATERAL (SELECT j.seq_nr, j.hash, j.writer_token FROM journal AS j
                        WHERE j.persistence_id = s.pid AND j.seq_nr >= s.expected
                        ORDER BY j.seq_nr DESC LIMIT 1) AS h ON true
   WHERE (fenced > 0 AND f_verdict[s.fence] <> 0)
      OR coalesce(h.seq_nr, 0) <> s.expected
      OR coalesce(h.hash, s.genesis) IS DISTINCT FROM s.prev
      OR (h.writer_token IS NOT NULL AND f_token[s.fence] < h.writer_token);

  IF refused = 0 THEN
    INSERT INTO journal (global_pos, persistence_id, kind, seq_nr, event_type, payload, timestamp,
                         writer_node, writer_token, command_id, prev_hash, hash)
    SELECT first_position + e.n - 1, s_pid[e.stream], f_kind[s_fence[e.stream]], e.seq, e.type, e.payload, e.ts,
           f_node[s_fence[e.stream]], f_token[s_fence[e.stream]], e.cmd, e.prev, e.hash
      FROM unnest(e_stream, e_seq, e_type, e_payload, e_ts, e_cmd, e_prev, e_hash)
           WITH ORDINALITY AS e(stream, seq, type, payload, ts, cmd, prev, hash, n);
    RETURN QUERY SELECT 0, 0::smallint, first_position, NULL::bigint, NULL::bytea, NULL::bigint, NULL::text, NULL::bigint;
    RETURN;
  END IF;

  -- A batch with a refusal: one query decides every stream (006's verdicts, the fence taken from its verdict).
  SELECT array_agg(c.verdict ORDER BY c.i),
         array_agg(c.i::integer ORDER BY c.i) FILTER (WHERE c.verdict <> 0),
         array_agg(c.verdict ORDER BY c.i) FILTER (WHERE c.verdict <> 0),
         array_agg(c.hseq ORDER BY c.i) FILTER (WHERE c.verdict <> 0),
         array_agg(c.hhash ORDER BY c.i) FILTER (WHERE c.verdict <> 0),
         array_agg(c.htoken ORDER BY c.i) FILTER (WHERE c.verdict <> 0),
         array_agg(c.lowner ORDER BY c.i) FILTER (WHERE c.verdict <> 0),
         array_agg(c.ltoken ORDER BY c.i) FILTER (WHERE c.verdict <> 0)
    INTO verdicts, r_stream, r_status, r_head_seq, r_head_hash, r_head_token, r_lease_owner, r_lease_token
    FROM (SELECT s.i, coalesce(h.seq_nr, b.seq_nr) AS hseq, h.hash AS hhash, h.writer_token AS htoken,
                 f_owner[s.fence] AS lowner, f_ltoken[s.fence] AS ltoken,
                 (CASE
                    WHEN f_verdict[s.fence] <> 0 THEN f_verdict[s.fence]
                    WHEN coalesce(h.seq_nr, b.seq_nr, 0) <> s.expected THEN 3
                    WHEN coalesce(h.hash, s.genesis) IS DISTINCT FROM s.prev THEN 4
                    WHEN h.writer_token IS NOT NULL AND f_token[s.fence] < h.writer_token THEN 5
                    ELSE 0
                  END)::smallint AS verdict
            FROM unnest(s_pid, s_fence, s_expected, s_prev, s_genesis)
                 WITH ORDINALITY AS s(pid, fence, expected, prev, genesis, i)
            LEFT JOIN LATERAL (SELECT j.seq_nr, j.hash, j.writer_token FROM journal AS j
                                WHERE j.persistence_id = s.pid AND j.seq_nr >= s.expected
                                ORDER BY j.seq_nr DESC LIMIT 1) AS h ON true
            -- Only for a stream behind the expected seq (nothing at or above it): its real head, for the refusal.
            LEFT JOIN LATERAL (SELECT j.seq_nr FROM journal AS j
                                WHERE h.seq_nr IS NULL AND s.expected > 0 AND j.persistence_id = s.pid
                                ORDER BY j.seq_nr DESC LIMIT 1) AS b ON true) AS c;

  IF array_position(verdicts, 0::smallint) IS NOT NULL THEN
    INSERT INTO journal (global_pos, persistence_id, kind, seq_nr, event_type, payload, timestamp,
                         writer_node, writer_token, command_id, prev_hash, hash)
    SELECT first_position + row_number() OVER (ORDER BY e.n) - 1, s_pid[e.stream], f_kind[s_fence[e.stream]], e.seq,
           e.type, e.payload, e.ts, f_node[s_fence[e.stream]], f_token[s_fence[e.stream]], e.cmd, e.prev, e.hash
      FROM unnest(e_stream, e_seq, e_type, e_payload, e_ts, e_cmd, e_prev, e_hash)
           WITH ORDINALITY AS e(stream, seq, type, payload, ts, cmd, prev, hash, n)
     WHERE verdicts[e.stream] = 0;
  END IF;

  RETURN QUERY
  SELECT 0, 0::smallint, first_position, NULL::bigint, NULL::bytea, NULL::bigint, NULL::text, NULL::bigint
  UNION ALL
  SELECT r.stream, r.status, NULL::bigint, r.head_seq, r.head_hash, r.head_token, r.lease_owner, r.lease_token
    FROM unnest(r_stream, r_status, r_head_seq, r_head_hash, r_head_token, r_lease_owner, r_lease_token)
         AS r(stream, status, head_seq, head_hash, head_token, lease_owner, lease_token);
END;
$$;
