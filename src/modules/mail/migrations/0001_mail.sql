-- The mail room (收发室): every item registered, every hand-over recorded, every day closed.
-- Times are ISO-8601 UTC text; *_on columns are the China-time day (YYYY-MM-DD) of an event,
-- which the daily close (日清) counts by.

-- A storage slot (格口) of the mail room where items wait for collection.
CREATE TABLE mail_slots (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  code TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, code)
);

-- A batch of outgoing items handed to the post office or a courier.
CREATE TABLE mail_dispatches (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  carrier TEXT NOT NULL,
  dispatched_at TEXT NOT NULL,
  dispatched_by BIGINT,
  item_count INTEGER NOT NULL CHECK (item_count > 0),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, dispatched_by) REFERENCES accounts (tenant_id, id)
);

-- One mail item, or for ordinary letters and periodicals a counted batch for one addressee
-- unit (count > 1). Registered letters, confidential items and parcels are one row each.
-- direction in: received from the post, waiting in the mail room for the addressee unit;
-- direction out: handed in by sender_unit_id, waiting to be dispatched.
-- status: received → notified → delivered | returned | forwarded (in); received → dispatched
-- (out). closed_on: the day the item left the mail room (delivered, returned, forwarded or
-- dispatched); NULL while it is on hand.
-- Confidential items (机要件) carry secrecy_level, envelope_no and sending_organ, and no
-- other kind does.
CREATE TABLE mail_items (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  kind TEXT NOT NULL CHECK (kind IN ('registered', 'confidential', 'ordinary', 'parcel', 'periodical')),
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  tracking_no TEXT,
  item_count INTEGER NOT NULL DEFAULT 1 CHECK (item_count >= 1),
  sender TEXT NOT NULL DEFAULT '',
  sender_unit_id BIGINT,
  addressee_unit_id BIGINT,
  addressee TEXT NOT NULL DEFAULT '',
  addressee_account_id BIGINT,
  secrecy_level TEXT CHECK (secrecy_level IN ('secret', 'confidential', 'top_secret')),
  envelope_no TEXT NOT NULL DEFAULT '',
  sending_organ TEXT NOT NULL DEFAULT '',
  slot_id BIGINT,
  received_at TEXT NOT NULL,
  received_on TEXT NOT NULL,
  registered_by BIGINT,
  status TEXT NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'notified', 'delivered', 'returned', 'forwarded', 'dispatched')),
  notified_at TEXT,
  closed_at TEXT,
  closed_on TEXT,
  receiver_name TEXT NOT NULL DEFAULT '',
  receiver_account_id BIGINT,
  signature_method TEXT CHECK (signature_method IN ('drawn', 'pin')),
  signature TEXT NOT NULL DEFAULT '',
  forwarded_to TEXT NOT NULL DEFAULT '',
  close_reason TEXT NOT NULL DEFAULT '',
  dispatch_id BIGINT,
  custodian_account_id BIGINT,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, tracking_no),
  CHECK (item_count = 1 OR kind IN ('ordinary', 'periodical')),
  CHECK ((kind = 'confidential') = (secrecy_level IS NOT NULL)),
  CHECK (direction = 'out' OR addressee_unit_id IS NOT NULL),
  CHECK (direction = 'in' OR sender_unit_id IS NOT NULL),
  CHECK ((closed_on IS NULL) = (status IN ('received', 'notified'))),
  FOREIGN KEY (tenant_id, sender_unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, addressee_unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, addressee_account_id) REFERENCES accounts (tenant_id, id),
  FOREIGN KEY (tenant_id, slot_id) REFERENCES mail_slots (tenant_id, id),
  FOREIGN KEY (tenant_id, registered_by) REFERENCES accounts (tenant_id, id),
  FOREIGN KEY (tenant_id, receiver_account_id) REFERENCES accounts (tenant_id, id),
  FOREIGN KEY (tenant_id, dispatch_id) REFERENCES mail_dispatches (tenant_id, id),
  FOREIGN KEY (tenant_id, custodian_account_id) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX mail_items_by_received ON mail_items (tenant_id, received_on, kind);
CREATE INDEX mail_items_by_closed ON mail_items (tenant_id, closed_on, kind);
CREATE INDEX mail_items_by_addressee ON mail_items (tenant_id, addressee_unit_id, status);
CREATE INDEX mail_items_by_sender ON mail_items (tenant_id, sender_unit_id, status);
CREATE INDEX mail_items_by_status ON mail_items (tenant_id, status, received_at);

-- The chain of custody of an item (收发记录): received, notified, handed over, delivered,
-- returned, forwarded, dispatched, and corrections. Append-only: the triggers below refuse
-- every UPDATE and DELETE, so a mistake is corrected by a new entry whose corrects_id names
-- the entry it corrects. from_/to_ name the people of a hand-over; *_account_id are set when
-- they confirmed with their own credentials.
CREATE TABLE mail_events (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  item_id BIGINT NOT NULL,
  action TEXT NOT NULL
    CHECK (action IN ('received', 'notified', 'handover', 'delivered', 'returned', 'forwarded', 'dispatched', 'correction')),
  at TEXT NOT NULL,
  actor_account_id BIGINT,
  from_name TEXT NOT NULL DEFAULT '',
  from_account_id BIGINT,
  to_name TEXT NOT NULL DEFAULT '',
  to_account_id BIGINT,
  note TEXT NOT NULL DEFAULT '',
  corrects_id BIGINT,
  ${TENANT_KEY},
  CHECK ((action = 'correction') = (corrects_id IS NOT NULL)),
  FOREIGN KEY (tenant_id, item_id) REFERENCES mail_items (tenant_id, id),
  FOREIGN KEY (tenant_id, actor_account_id) REFERENCES accounts (tenant_id, id),
  FOREIGN KEY (tenant_id, from_account_id) REFERENCES accounts (tenant_id, id),
  FOREIGN KEY (tenant_id, to_account_id) REFERENCES accounts (tenant_id, id),
  FOREIGN KEY (tenant_id, corrects_id) REFERENCES mail_events (tenant_id, id)
);
CREATE INDEX mail_events_by_item ON mail_events (tenant_id, item_id, id);
${APPEND_ONLY(mail_events)}

-- A closed day (日清): per kind, on hand at start + received = delivered + returned +
-- forwarded + dispatched + on hand at end (figures, JSON), the differences the physical
-- check found and how each was explained (explanations, JSON), signed by the closer (digest
-- = SHA-256 of the day, figures and explanations). Days up to the last closed one are locked.
CREATE TABLE mail_days (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  day TEXT NOT NULL,
  figures TEXT NOT NULL,
  explanations TEXT NOT NULL DEFAULT '[]',
  closed_at TEXT NOT NULL,
  closed_by BIGINT,
  digest TEXT NOT NULL,
  PRIMARY KEY (tenant_id, day),
  FOREIGN KEY (tenant_id, closed_by) REFERENCES accounts (tenant_id, id)
);
${APPEND_ONLY(mail_days)}
