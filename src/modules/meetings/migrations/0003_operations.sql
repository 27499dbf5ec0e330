-- Meetings operations: approval through the workflow, priority displacement, check-in and
-- release of no-shows, and the service tasks of bookings.

-- request_id: the approval request (type meetings.booking) of a booking of a room that needs
-- approval; one request for all the occurrences of a series. displaced_by: the priority
-- booking that took this one's slot. checked_in_at/by: who checked the meeting in, when.
-- released: 1 when cancelled by the no-show sweep.
ALTER TABLE meeting_bookings ADD COLUMN request_id BIGINT;
ALTER TABLE meeting_bookings ADD COLUMN displaced_by BIGINT;
ALTER TABLE meeting_bookings ADD COLUMN checked_in_at TEXT;
ALTER TABLE meeting_bookings ADD COLUMN checked_in_by BIGINT;
ALTER TABLE meeting_bookings ADD COLUMN released INTEGER NOT NULL DEFAULT 0;
CREATE INDEX meeting_bookings_by_request ON meeting_bookings (tenant_id, request_id);

-- A tenant's check-in rules; no row = the defaults (release 15 minutes after start, check-in
-- opens 30 minutes before it).
CREATE TABLE meeting_settings (
  tenant_id BIGINT NOT NULL PRIMARY KEY REFERENCES tenants (id),
  release_after_minutes INTEGER NOT NULL CHECK (release_after_minutes >= 0),
  check_in_opens_minutes INTEGER NOT NULL CHECK (check_in_opens_minutes >= 0),
  updated_at TEXT NOT NULL
);

-- The service tasks of a confirmed booking with services: set up (from blocked_from, due at
-- start), serve (due at end), clean up (due at end + the room's clean-up buffer, or 30
-- minutes). starts_at: when the task may begin (lists show it from then).
CREATE TABLE meeting_tasks (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  booking_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('setup', 'serve', 'cleanup')),
  title TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  assignee_account_id BIGINT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  done_at TEXT,
  done_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, booking_id) REFERENCES meeting_bookings (tenant_id, id),
  FOREIGN KEY (tenant_id, assignee_account_id) REFERENCES accounts (tenant_id, id),
  FOREIGN KEY (tenant_id, done_by) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX meeting_tasks_by_booking ON meeting_tasks (tenant_id, booking_id);
CREATE INDEX meeting_tasks_by_due ON meeting_tasks (tenant_id, status, due_at);
