-- ActorTrust PostgreSQL schema, version 2: cluster membership, entity kinds and fenced shard leases
-- (research/engines.md §8.4.1). Every time in these tables is database time (clock_timestamp()).

CREATE TABLE cluster_version (
  cluster_id text        PRIMARY KEY,
  version    bigint      NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp());

CREATE TABLE cluster_members (
  cluster_id    text        NOT NULL REFERENCES cluster_version (cluster_id),
  node_id       text        NOT NULL,              -- host:port
  incarnation   bigint      NOT NULL CHECK (incarnation > 0),
  address       text        NOT NULL,              -- http(s)://host:port
  status        smallint    NOT NULL CHECK (status BETWEEN 0 AND 3),  -- Joining, Active, ShuttingDown, Dead
  suspect_votes jsonb       NOT NULL DEFAULT '[]', -- [{"voter": "host:port:inc", "at": "<timestamptz>"}]
  app_version   text        NOT NULL,
  started_at    timestamptz NOT NULL,
  i_am_alive_at timestamptz NOT NULL,
  PRIMARY KEY (cluster_id, node_id, incarnation));

-- The shard function is frozen per kind (I10): num_shards never changes once registered.
CREATE TABLE entity_types (
  kind       text    PRIMARY KEY,
  num_shards integer NOT NULL CHECK (num_shards > 0),
  hash_fn    text    NOT NULL);

CREATE TABLE shard_leases (
  kind             text        NOT NULL REFERENCES entity_types (kind),
  shard            integer     NOT NULL CHECK (shard >= 0),
  owner_node       text        NULL,               -- host:port:incarnation
  fencing_token    bigint      NOT NULL DEFAULT 0, -- grows by one on every acquire (I1)
  lease_expires_at timestamptz NOT NULL DEFAULT '-infinity',
  desired_owner    text        NULL,               -- the rebalancer's hint; never grants anything
  updated_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (kind, shard));

-- The coordinator lease (its holder runs the rebalancer) is one row of its own kind.
INSERT INTO entity_types (kind, num_shards, hash_fn) VALUES ('__coordinator__', 1, 'none');
INSERT INTO shard_leases (kind, shard) VALUES ('__coordinator__', 0);
