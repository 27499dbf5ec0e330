-- Office space (办公用房): buildings → floors → rooms, who occupies which office and since
-- when, and the area standards (as data with effective dates) the rooms are checked against.
-- Areas are integer hundredths of m² (1267 = 12.67 m²); days are 'YYYY-MM-DD'; times are
-- ISO-8601 UTC text.

-- The tenant's place in the hierarchy and how it judges offices. level picks the rows of a
-- standard (a district is county-level, 县级); standard_code pins one standard, NULL takes
-- the one in force on the day judged. Excess up to amber_from_pct % stays green (may be
-- kept when no other room is available), from red_from_pct % it is red (must be fixed).
CREATE TABLE space_settings (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  level TEXT NOT NULL DEFAULT 'county' CHECK (level IN ('central', 'province', 'city', 'county', 'township')),
  standard_code TEXT,
  amber_from_pct INTEGER NOT NULL DEFAULT 30 CHECK (amber_from_pct >= 0),
  red_from_pct INTEGER NOT NULL DEFAULT 50,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id),
  CHECK (red_from_pct > amber_from_pct)
);

-- One limit of an area standard: for an office of `level`, a person of `rank` (a value of
-- the rank dictionary) may use at most limit_area. A standard (code, e.g. '2014') is the
-- set of its rows; it is in force for days effective_from ≤ day ≤ effective_to.
CREATE TABLE space_standards (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  code TEXT NOT NULL,
  regulation TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('central', 'province', 'city', 'county', 'township')),
  rank TEXT NOT NULL,
  grade_label TEXT NOT NULL,
  limit_area INTEGER NOT NULL CHECK (limit_area > 0),
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, code, level, rank),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

-- A building. public_listed: shown in the public building directory (no login).
CREATE TABLE space_buildings (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  year_built INTEGER,
  floors_above INTEGER NOT NULL DEFAULT 1 CHECK (floors_above >= 1),
  floors_below INTEGER NOT NULL DEFAULT 0 CHECK (floors_below >= 0),
  total_area INTEGER CHECK (total_area >= 0),
  usable_area INTEGER CHECK (usable_area >= 0),
  public_listed INTEGER NOT NULL DEFAULT 1 CHECK (public_listed IN (0, 1)),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, code)
);

-- A floor: level 1, 2, … above ground, -1, -2, … below. name as shown ('1F', '负一层').
CREATE TABLE space_floors (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  building_id BIGINT NOT NULL,
  level INTEGER NOT NULL CHECK (level <> 0),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, building_id, level),
  UNIQUE (tenant_id, building_id, id),
  FOREIGN KEY (tenant_id, building_id) REFERENCES space_buildings (tenant_id, id)
);

-- A room with its door number (门牌号, unique in the building). use: office 办公用房;
-- service 服务用房 (service_kind: meeting, archive, reception, mail, other); equipment
-- 设备用房; ancillary 附属用房. status: in_use, vacant, reserved, or lent (出借: forbidden
-- by 《机关事务管理条例》第二十三条, kept so it can be flagged). unit_id: the owning unit.
CREATE TABLE space_rooms (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  building_id BIGINT NOT NULL,
  floor_id BIGINT NOT NULL,
  number TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  usable_area INTEGER NOT NULL CHECK (usable_area > 0),
  room_use TEXT NOT NULL CHECK (room_use IN ('office', 'service', 'equipment', 'ancillary')),
  service_kind TEXT CHECK (service_kind IN ('meeting', 'archive', 'reception', 'mail', 'other')),
  unit_id BIGINT,
  status TEXT NOT NULL DEFAULT 'in_use' CHECK (status IN ('in_use', 'vacant', 'reserved', 'lent')),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, building_id, number),
  FOREIGN KEY (tenant_id, building_id, floor_id) REFERENCES space_floors (tenant_id, building_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  CHECK ((room_use = 'service') = (service_kind IS NOT NULL))
);
CREATE INDEX space_rooms_by_unit ON space_rooms (tenant_id, unit_id);
CREATE INDEX space_rooms_by_floor ON space_rooms (tenant_id, floor_id, number);

-- A person's occupancy of an office room from start_date to end_date (inclusive; NULL:
-- still there). Rows are never deleted: ended occupancies are the history. A person holds
-- one office at a time, plus at most one second, smaller office (second_office = 1) with
-- the multi-post reason recorded (《党政机关办公用房管理办法》第十九条).
CREATE TABLE space_occupancies (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  room_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  second_office INTEGER NOT NULL DEFAULT 0 CHECK (second_office IN (0, 1)),
  multi_post_reason TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, room_id) REFERENCES space_rooms (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES accounts (tenant_id, id),
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK (second_office = 0 OR multi_post_reason <> '')
);
CREATE INDEX space_occupancies_by_room ON space_occupancies (tenant_id, room_id, end_date);
CREATE INDEX space_occupancies_by_person ON space_occupancies (tenant_id, person_id, end_date);
CREATE UNIQUE INDEX space_occupancies_one_main ON space_occupancies (tenant_id, person_id, second_office) WHERE end_date IS NULL;
