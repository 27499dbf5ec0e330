-- iCalendar feed tokens: calendar programs subscribe by URL and cannot sign in, so each
-- account has one secret token for its feed URLs. Only its SHA-256 is stored (as for
-- sessions and API tokens); token_hint is its last four characters, to tell tokens apart.
CREATE TABLE meeting_feed_tokens (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  account_id BIGINT NOT NULL,
  token_hash TEXT NOT NULL,
  token_hint TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, account_id),
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);
