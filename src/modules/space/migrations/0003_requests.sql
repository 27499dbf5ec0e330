-- Space requests (办公用房调配申请): a unit asks for more, less or different office space.
-- The workflow request (requests, type space.request) carries the approval; this row its
-- subject, keyed by that request. applied_at: when the approval applied the changes.
CREATE TABLE space_requests (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  request_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('more', 'less', 'different')),
  reason TEXT NOT NULL,
  applied_at TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, request_id),
  FOREIGN KEY (tenant_id, request_id) REFERENCES requests (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);
CREATE INDEX space_requests_by_unit ON space_requests (tenant_id, unit_id);

-- The occupancy changes a request proposes, applied on approval: assign (person_id to
-- room_id from effective_date) or end (occupancy_id on effective_date); effective_date NULL:
-- the day of the approval. result_occupancy_id: the occupancy an applied assign created.
CREATE TABLE space_request_changes (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  request_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('assign', 'end')),
  person_id BIGINT,
  room_id BIGINT,
  occupancy_id BIGINT,
  effective_date TEXT,
  result_occupancy_id BIGINT,
  PRIMARY KEY (tenant_id, request_id, position),
  FOREIGN KEY (tenant_id, request_id) REFERENCES space_requests (tenant_id, request_id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  FOREIGN KEY (tenant_id, room_id) REFERENCES space_rooms (tenant_id, id),
  FOREIGN KEY (tenant_id, occupancy_id) REFERENCES space_occupancies (tenant_id, id),
  FOREIGN KEY (tenant_id, result_occupancy_id) REFERENCES space_occupancies (tenant_id, id),
  CHECK ((action = 'assign') = (person_id IS NOT NULL AND room_id IS NOT NULL AND occupancy_id IS NULL)),
  CHECK ((action = 'end') = (occupancy_id IS NOT NULL AND person_id IS NULL AND room_id IS NULL))
);
