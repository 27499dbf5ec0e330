-- A tenant is one bureau's whole installation; every business table carries tenant_id.
-- Ids are assigned by the application (tenants are created by a command, not by users).
CREATE TABLE tenants (
  id BIGINT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
