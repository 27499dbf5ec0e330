-- Roles: a set of permissions and a data scope. Accounts name their role by code.
-- permissions is a JSON array of permission codes or patterns: "*", "org.*", "*.read".
CREATE TABLE roles (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  permissions TEXT NOT NULL,
  data_scope TEXT NOT NULL CHECK (data_scope IN ('all', 'unit_and_below', 'unit', 'self')),
  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, code)
);
