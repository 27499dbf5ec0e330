-- People (人员) and their posts, extensible dictionaries (字典), each sector's lead unit and
-- the account ↔ person link. Times are ISO-8601 UTC text; days are 'YYYY-MM-DD'.

-- Extensible enumerations. The built-in ones (rank, post_kind) are inserted per tenant by
-- people::ensure_builtin_dictionaries(); tenants may add items. Items are referenced by
-- their stable ASCII value, so a value never changes once created (labels may).
CREATE TABLE dictionaries (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  created_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, code)
);

CREATE TABLE dictionary_items (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  dictionary_code TEXT NOT NULL,
  value TEXT NOT NULL,
  label TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, dictionary_code, value),
  FOREIGN KEY (tenant_id, dictionary_code) REFERENCES dictionaries (tenant_id, code)
);

-- A person belongs to one owning unit (编制所在单位) with a personal rank (a value of the
-- rank dictionary) and a post there. No ID-card numbers: personal data the platform does
-- not need.
CREATE TABLE people (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  name TEXT NOT NULL,
  gender TEXT CHECK (gender IN ('male', 'female')),
  unit_id BIGINT NOT NULL,
  rank TEXT NOT NULL,
  post TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);
CREATE INDEX people_by_unit ON people (tenant_id, unit_id, name);
CREATE INDEX people_by_name ON people (tenant_id, name);

-- Every post a person holds, in one or several units. The primary post mirrors the
-- person's own unit, post and rank; at most one post is the active one (where the person
-- works now, e.g. for the office assignment), and ended posts are never active.
CREATE TABLE person_posts (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  person_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  post TEXT NOT NULL DEFAULT '',
  rank TEXT NOT NULL,
  is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
  active_post INTEGER NOT NULL DEFAULT 0 CHECK (active_post IN (0, 1)),
  start_date TEXT,
  end_date TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  CHECK (end_date IS NULL OR active_post = 0)
);
CREATE INDEX person_posts_by_person ON person_posts (tenant_id, person_id);
CREATE UNIQUE INDEX person_posts_one_active ON person_posts (tenant_id, person_id) WHERE active_post = 1;
CREATE UNIQUE INDEX person_posts_one_primary ON person_posts (tenant_id, person_id) WHERE is_primary = 1;

-- A sector's (口) lead unit (牵头单位): a column rather than a table, as a sector has one
-- lead at a time. ALTER TABLE cannot add a composite foreign key in SQLite, so the rule
-- "a department of that sector, same tenant" is checked in people::set_sector_lead().
ALTER TABLE units ADD COLUMN lead_unit_id BIGINT;

-- The person an account belongs to (checked in people::link_account_person()); such an
-- account may always read its own person whatever its data scope.
ALTER TABLE accounts ADD COLUMN person_id BIGINT;
