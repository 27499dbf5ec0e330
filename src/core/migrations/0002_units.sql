-- Units (单位/科室/口) as a tree: the bureau, its sections, the district's departments and
-- the sectors (口) that group them. Times are ISO-8601 UTC text ("2026-11-28T00:46:40Z").
CREATE TABLE units (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('bureau', 'section', 'department', 'sector')),
  parent_id BIGINT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES units (tenant_id, id)
);
CREATE INDEX units_by_parent ON units (tenant_id, parent_id, sort_order);
