-- ActorTrust PostgreSQL schema, version 1: the event journal and snapshots.
-- Applied by ActorTrust.Persistence.PostgreSql on start, inside one transaction, under an advisory lock;
-- see README.md in this directory for how the global feed stays gap-free.

-- Feed positions. Only journal_reserve_positions() takes values from it (under its advisory lock), so positions
-- are handed out in the same order as the transaction ids of the transactions that will write them.
CREATE SEQUENCE journal_global_pos AS bigint START WITH 1 MINVALUE 1 NO CYCLE;

CREATE TABLE journal (
  global_pos     bigint      NOT NULL,
  tx_id          xid8        NOT NULL DEFAULT pg_current_xact_id(),
  persistence_id text        NOT NULL,
  kind           text        NOT NULL,
  seq_nr         bigint      NOT NULL CHECK (seq_nr > 0),
  event_type     text        NOT NULL,
  payload        bytea       NOT NULL,
  timestamp      timestamptz NOT NULL,
  writer_node    text        NOT NULL,
  writer_token   bigint      NOT NULL,
  command_id     text        NOT NULL,
  prev_hash      bytea       NOT NULL CHECK (length(prev_hash) = 32),
  hash           bytea       NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (persistence_id, seq_nr));   -- the single-writer backstop
CREATE UNIQUE INDEX journal_global_pos_key ON journal (global_pos);
CREATE INDEX journal_tx_pos ON journal (tx_id, global_pos);
CREATE INDEX journal_kind_pos ON journal (kind, global_pos);

CREATE TABLE snapshots (
  persistence_id text        NOT NULL,
  seq_nr         bigint      NOT NULL CHECK (seq_nr > 0),
  hash           bytea       NOT NULL CHECK (length(hash) = 32),
  writer_token   bigint      NOT NULL,
  state_type     text        NOT NULL,
  payload        bytea       NOT NULL,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (persistence_id, seq_nr));

-- Must be the FIRST statement of an append transaction (before anything gives the transaction an xid).
-- Inside one advisory lock it assigns the transaction its xid and takes n consecutive feed positions, so for any
-- two append transactions "lower xid" and "lower positions" go together. Returns the first position.
-- The lock is a session lock released before returning: appends serialise only for these few instructions,
-- never for their whole transaction.
CREATE FUNCTION journal_reserve_positions(n integer) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  first_pos bigint;
BEGIN
  IF n < 1 THEN
    RAISE EXCEPTION 'journal_reserve_positions: n must be positive, got %', n;
  END IF;
  PERFORM pg_advisory_lock(7245839120611);
  BEGIN
    PERFORM pg_current_xact_id();
    first_pos := nextval('journal_global_pos');
    IF n > 1 THEN
      PERFORM setval('journal_global_pos', first_pos + n - 1);
    END IF;
  EXCEPTION WHEN OTHERS THEN
    PERFORM pg_advisory_unlock(7245839120611);
    RAISE;
  END;
  PERFORM pg_advisory_unlock(7245839120611);
  RETURN first_pos;
END;
$$;
