-- One row per state change, written in the same transaction as the change.
CREATE TABLE audit_log (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  at TEXT NOT NULL,
  actor_account_id BIGINT,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT,
  diff TEXT NOT NULL,
  request_id TEXT NOT NULL,
  client_addr TEXT NOT NULL,
  ${TENANT_KEY}
);
CREATE INDEX audit_by_entity ON audit_log (tenant_id, entity, entity_id);
