-- Requests (申请) and their handling: 首问负责 (first_contact_account_id stays answerable
-- until close), 限时办结 (due_at of the current step, moved by the working time spent waiting
-- for the applicant), approvals. Request types and their states are declared in code
-- (src/core/workflow); tenants may override a state's time limit. Times are ISO-8601 UTC text.
CREATE TABLE requests (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL,
  applicant_account_id BIGINT NOT NULL,
  applicant_unit_id BIGINT,
  first_contact_account_id BIGINT,
  current_handler_account_id BIGINT,
  step_started_at TEXT NOT NULL,
  due_at TEXT,
  -- Working seconds spent waiting in the current step (ended pauses), and the start of the
  -- pause in progress, if any.
  paused_seconds BIGINT NOT NULL DEFAULT 0,
  paused_since TEXT,
  closed_at TEXT,
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  rating_comment TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, applicant_account_id) REFERENCES accounts (tenant_id, id),
  FOREIGN KEY (tenant_id, applicant_unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, first_contact_account_id) REFERENCES accounts (tenant_id, id),
  FOREIGN KEY (tenant_id, current_handler_account_id) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX requests_by_state_due ON requests (tenant_id, state, due_at);
CREATE INDEX requests_by_applicant ON requests (tenant_id, applicant_account_id);
CREATE INDEX requests_by_handler ON requests (tenant_id, current_handler_account_id);
CREATE INDEX requests_by_unit ON requests (tenant_id, applicant_unit_id);

-- The history of each request, append-only: one row per action (submit included).
CREATE TABLE request_events (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  request_id BIGINT NOT NULL,
  at TEXT NOT NULL,
  actor_account_id BIGINT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  -- The account that became the handler by this action (take, approve, hand_over …).
  to_account_id BIGINT,
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, request_id) REFERENCES requests (tenant_id, id),
  FOREIGN KEY (tenant_id, actor_account_id) REFERENCES accounts (tenant_id, id),
  FOREIGN KEY (tenant_id, to_account_id) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX request_events_by_request ON request_events (tenant_id, request_id, id);
CREATE INDEX request_events_by_to_account ON request_events (tenant_id, to_account_id);

-- Each wait for the applicant: the clock of the step stood still from started_at to ended_at
-- (NULL while waiting); work_seconds is the working time in between.
CREATE TABLE request_pauses (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  request_id BIGINT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  work_seconds BIGINT,
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, request_id) REFERENCES requests (tenant_id, id)
);
CREATE INDEX request_pauses_by_request ON request_pauses (tenant_id, request_id, id);

-- A tenant's own time limit for a state of a request type (instead of the one in code).
CREATE TABLE workflow_type_limits (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  limit_value INTEGER NOT NULL CHECK (limit_value > 0),
  limit_unit TEXT NOT NULL CHECK (limit_unit IN ('workdays', 'workhours')),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, type, state)
);
