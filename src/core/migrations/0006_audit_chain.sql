-- The audit trail becomes a hash chain per tenant: each row stores its predecessor's hash
-- and its own (SHA-256 over its fields and the predecessor's hash), so editing, deleting
-- or reordering a row breaks the chain from that row on. audit_heads holds each tenant's
-- last link; updating it serialises concurrent writers of one tenant on PostgreSQL.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_heads (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL,
  PRIMARY KEY (tenant_id)
);
CREATE INDEX audit_by_time ON audit_log (tenant_id, at);
