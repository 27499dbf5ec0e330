-- Inspection campaigns of office space (自查 → 督查 → 整改): the units in scope and their
-- self-inspections with the signed pledge (承诺书), the supervisors' findings per room, and the
-- rectification items with their evidence and re-checks. Days are 'YYYY-MM-DD'; times ISO-8601
-- UTC text; photos and signatures are data URLs as the browser sends them.

-- stage: draft → self_check → supervision → rectification → closed, one step at a time.
CREATE TABLE space_campaigns (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  name TEXT NOT NULL,
  self_check_deadline TEXT NOT NULL,
  supervision_deadline TEXT NOT NULL,
  stage TEXT NOT NULL DEFAULT 'draft' CHECK (stage IN ('draft', 'self_check', 'supervision', 'rectification', 'closed')),
  notes TEXT NOT NULL DEFAULT '',
  closed_at TEXT,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, name),
  FOREIGN KEY (tenant_id, created_by) REFERENCES accounts (tenant_id, id),
  CHECK (supervision_deadline > self_check_deadline)
);

-- A unit in a campaign's scope and its self-inspection. snapshot: the unit's office rooms with
-- occupants and verdicts when the self-inspection was saved, and its figures (JSON);
-- corrections: general text; room_corrections: JSON {"<room_id>": "text"}. The pledge is
-- signed once: signer_name (the unit head), signature (PNG data URL), signed_at, and the
-- signed PDF itself (base64) with its SHA-256, so the document shown later is the one signed.
-- A self-inspection counts as submitted only once the pledge is signed.
CREATE TABLE space_campaign_units (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  campaign_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  snapshot TEXT,
  corrections TEXT NOT NULL DEFAULT '',
  room_corrections TEXT NOT NULL DEFAULT '{}',
  saved_at TEXT,
  saved_by BIGINT,
  signer_name TEXT,
  signature TEXT,
  signed_at TEXT,
  signed_by BIGINT,
  pledge_pdf TEXT,
  pledge_sha256 TEXT,
  ${TENANT_KEY},
  UNIQUE (tenant_id, campaign_id, unit_id),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES space_campaigns (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  CHECK ((signed_at IS NULL) = (pledge_sha256 IS NULL))
);
CREATE INDEX space_campaign_units_by_unit ON space_campaign_units (tenant_id, unit_id);

-- A supervisor's finding (督查发现) on a unit, per room when it concerns one.
-- severity: minor 一般 | major 较重 | serious 严重.
CREATE TABLE space_findings (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  campaign_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  room_id BIGINT,
  description TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('minor', 'major', 'serious')),
  photo TEXT,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES space_campaigns (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, room_id) REFERENCES space_rooms (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX space_findings_by_campaign ON space_findings (tenant_id, campaign_id, unit_id);

-- A rectification item (整改事项): due on due_date (working days from when it was set), the
-- unit's evidence, the supervisor's re-checks (passed → closed; failed → stays open with the
-- note, maybe a new due date). Overdue is computed: open and due_date before today (UTC+8).
CREATE TABLE space_rectifications (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  campaign_id BIGINT NOT NULL,
  finding_id BIGINT,
  unit_id BIGINT NOT NULL,
  room_id BIGINT,
  description TEXT NOT NULL,
  owner_name TEXT NOT NULL,
  due_days INTEGER NOT NULL CHECK (due_days > 0),
  due_date TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  evidence_text TEXT NOT NULL DEFAULT '',
  evidence_photo TEXT,
  evidence_at TEXT,
  evidence_by BIGINT,
  recheck_note TEXT NOT NULL DEFAULT '',
  rechecks INTEGER NOT NULL DEFAULT 0,
  rechecked_at TEXT,
  rechecked_by BIGINT,
  closed_at TEXT,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES space_campaigns (tenant_id, id),
  FOREIGN KEY (tenant_id, finding_id) REFERENCES space_findings (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, room_id) REFERENCES space_rooms (tenant_id, id),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX space_rectifications_by_campaign ON space_rectifications (tenant_id, campaign_id, unit_id, status);
