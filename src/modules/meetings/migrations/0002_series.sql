-- Recurring series of bookings. A series keeps the booking template, the Beijing-local times
-- of day (HH:MM, UTC+8) and the rule; its occurrences are materialised as meeting_bookings rows
-- (series_id, occurrence_date). A cancelled occurrence stays as a cancelled row, so a later
-- edit of the series finds its date taken and never books it again.
CREATE TABLE meeting_series (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  room_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  host_unit_id BIGINT NOT NULL,
  chair TEXT NOT NULL DEFAULT '',
  attendees INTEGER NOT NULL CHECK (attendees > 0),
  meeting_type TEXT NOT NULL DEFAULT 'regular',
  services TEXT NOT NULL DEFAULT '{}',
  notes TEXT NOT NULL DEFAULT '',
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  freq TEXT NOT NULL CHECK (freq IN ('daily', 'weekly', 'monthly')),
  weekdays TEXT NOT NULL DEFAULT '[]',
  first_date TEXT NOT NULL,
  until_date TEXT,
  occurrence_count INTEGER,
  skip_holidays INTEGER NOT NULL DEFAULT 0 CHECK (skip_holidays IN (0, 1)),
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  CHECK (end_time > start_time),
  CHECK ((until_date IS NULL) <> (occurrence_count IS NULL)),
  FOREIGN KEY (tenant_id, room_id) REFERENCES meeting_rooms (tenant_id, id),
  FOREIGN KEY (tenant_id, host_unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX meeting_series_by_unit ON meeting_series (tenant_id, host_unit_id);

-- occurrence_date: the local date the rule produced (it stays when the occurrence is moved);
-- detached = 1 once the occurrence was edited on its own, so edits of the series leave it be.
ALTER TABLE meeting_bookings ADD COLUMN occurrence_date TEXT;
ALTER TABLE meeting_bookings ADD COLUMN detached INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX meeting_bookings_occurrence ON meeting_bookings (tenant_id, series_id, occurrence_date)
  WHERE series_id IS NOT NULL;
