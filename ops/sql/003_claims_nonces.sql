-- ActorTrust PostgreSQL schema, version 3: session-claims nonces shared by every node of a cluster.
-- A claims bundle's nonce is single use per peer key until the claims expire (at most 10 minutes), whichever
-- node admits the session; a row whose claims have expired may be taken over (they can no longer verify).

CREATE TABLE claims_nonces (
  cluster_id text        NOT NULL REFERENCES cluster_version (cluster_id),
  peer_key   text        NOT NULL,
  nonce      text        NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (cluster_id, peer_key, nonce));

CREATE INDEX claims_nonces_expiry ON claims_nonces (cluster_id, expires_at);
