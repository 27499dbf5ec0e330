-- Meetings (会议保障): the bureau's meeting rooms, rooms combined from others (the
-- multi-function hall = two merged rooms) and bookings. Times are ISO-8601 UTC text, so text
-- order is time order on both databases.

-- A meeting room. equipment and booking_roles are JSON arrays of codes (booking_roles empty =
-- every role may book). Set-up and clean-up buffers widen each booking's blocked interval.
CREATE TABLE meeting_rooms (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  building TEXT NOT NULL DEFAULT '',
  floor TEXT NOT NULL DEFAULT '',
  room_no TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  layout TEXT NOT NULL DEFAULT 'boardroom' CHECK (layout IN ('boardroom', 'theatre', 'classroom', 'u_shape')),
  equipment TEXT NOT NULL DEFAULT '[]',
  bookable INTEGER NOT NULL DEFAULT 1 CHECK (bookable IN (0, 1)),
  booking_roles TEXT NOT NULL DEFAULT '[]',
  needs_approval INTEGER NOT NULL DEFAULT 0 CHECK (needs_approval IN (0, 1)),
  setup_minutes INTEGER NOT NULL DEFAULT 0 CHECK (setup_minutes >= 0),
  cleanup_minutes INTEGER NOT NULL DEFAULT 0 CHECK (cleanup_minutes >= 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, name)
);

-- The parts of a combined room: booking the combination blocks each part and vice versa.
CREATE TABLE meeting_room_parts (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  room_id BIGINT NOT NULL,
  part_id BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, room_id, part_id),
  CHECK (room_id <> part_id),
  FOREIGN KEY (tenant_id, room_id) REFERENCES meeting_rooms (tenant_id, id),
  FOREIGN KEY (tenant_id, part_id) REFERENCES meeting_rooms (tenant_id, id)
);
CREATE INDEX meeting_room_parts_by_part ON meeting_room_parts (tenant_id, part_id);

-- A booking of one room. blocked_from/blocked_to are start/end widened by the room's buffers
-- at booking time: no two live (not cancelled) bookings of rooms sharing a part have
-- overlapping blocked intervals (checked in the write transaction, see bookings.cpp).
-- series_id groups the occurrences of a recurring series (added with the series).
-- services is a JSON object of the services requested (tea_water, name_cards, …).
CREATE TABLE meeting_bookings (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  room_id BIGINT NOT NULL,
  series_id BIGINT,
  title TEXT NOT NULL,
  host_unit_id BIGINT NOT NULL,
  chair TEXT NOT NULL DEFAULT '',
  attendees INTEGER NOT NULL CHECK (attendees > 0),
  meeting_type TEXT NOT NULL DEFAULT 'regular'
    CHECK (meeting_type IN ('regular', 'leadership', 'congress', 'training', 'external')),
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  blocked_from TEXT NOT NULL,
  blocked_to TEXT NOT NULL,
  services TEXT NOT NULL DEFAULT '{}',
  notes TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('pending', 'confirmed', 'cancelled')),
  booked_by BIGINT,
  cancel_reason TEXT NOT NULL DEFAULT '',
  cancelled_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  CHECK (end_at > start_at),
  CHECK (blocked_from <= start_at AND blocked_to >= end_at),
  FOREIGN KEY (tenant_id, room_id) REFERENCES meeting_rooms (tenant_id, id),
  FOREIGN KEY (tenant_id, host_unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, booked_by) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX meeting_bookings_by_room ON meeting_bookings (tenant_id, room_id, blocked_from);
CREATE INDEX meeting_bookings_by_unit ON meeting_bookings (tenant_id, host_unit_id, start_at);
CREATE INDEX meeting_bookings_by_start ON meeting_bookings (tenant_id, start_at);
