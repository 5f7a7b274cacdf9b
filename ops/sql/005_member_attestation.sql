-- ActorTrust PostgreSQL schema, version 5: membership rows attested by the node certificate (issue 8).
-- In secure mode a node signs "actortrust-member-attestation-v1\n<host:port>\n<incarnation>\n<address>" with the
-- private key of its node certificate and stores the certificate (DER) and the signature in its own row. Other
-- nodes count a row as a member only when the certificate chains to the cluster CA, names the node, and the
-- signature verifies. Insecure clusters leave both columns NULL. See README.md for what the database cannot enforce.

ALTER TABLE cluster_members
  ADD COLUMN attestation_certificate bytea NULL,  -- the member's node certificate, DER
  ADD COLUMN attestation_signature   bytea NULL,  -- its signature over the row content above
  ADD CONSTRAINT cluster_members_attestation_whole
    CHECK ((attestation_certificate IS NULL) = (attestation_signature IS NULL));
