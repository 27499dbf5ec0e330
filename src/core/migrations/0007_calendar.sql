-- A tenant's own calendar days: holidays (off = 1) and make-up working days (off = 0) that
-- add to or override the State Council days shipped in the binary. day is an ISO date.
CREATE TABLE calendar_days (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  day TEXT NOT NULL,
  off INTEGER NOT NULL CHECK (off IN (0, 1)),
  name TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, day)
);
