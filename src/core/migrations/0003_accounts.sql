-- Accounts, browser sessions and API tokens. Tokens are stored only as SHA-256 hashes.
CREATE TABLE accounts (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_id BIGINT,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, username),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);

CREATE TABLE sessions (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  token_hash TEXT NOT NULL,
  account_id BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  client_addr TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);

CREATE TABLE api_tokens (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  token_hash TEXT NOT NULL,
  account_id BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT,
  ${TENANT_KEY},
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);
