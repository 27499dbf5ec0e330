-- Official vehicles (公务用车): the fleet registry with each vehicle's life (vehicle_events),
-- the configuration standards in force at each date, unit quotas (编制), and the vehicle
-- reform (车改): campaigns, per-vehicle decisions, sealing and hand-over, appraisal,
-- scrapping, auctions, remittance to the treasury, and the allocation of retained vehicles
-- to sectors (口). Money is integer fen; days are 'YYYY-MM-DD'; times ISO-8601 UTC text.

-- The vehicle registry. category and funding_source are dictionary values
-- (vehicle_category, vehicle_funding). sector_id mirrors the open allocation below.
CREATE TABLE vehicles (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  plate TEXT NOT NULL,
  brand_model TEXT NOT NULL,
  category TEXT NOT NULL,
  energy_type TEXT NOT NULL DEFAULT 'fuel' CHECK (energy_type IN ('fuel', 'new_energy')),
  displacement_ml INTEGER NOT NULL DEFAULT 0 CHECK (displacement_ml >= 0),
  seats INTEGER NOT NULL CHECK (seats > 0),
  vin TEXT NOT NULL DEFAULT '',
  engine_no TEXT NOT NULL DEFAULT '',
  purchase_date TEXT NOT NULL,
  purchase_price_fen BIGINT NOT NULL CHECK (purchase_price_fen >= 0),
  funding_source TEXT NOT NULL,
  owner_unit_id BIGINT NOT NULL,
  sector_id BIGINT,
  status TEXT NOT NULL DEFAULT 'in_service' CHECK (status IN ('in_service', 'cancelled', 'sealed',
    'awaiting_disposal', 'scrapped', 'auctioned', 'transferred')),
  odometer_km INTEGER NOT NULL DEFAULT 0 CHECK (odometer_km >= 0),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, plate),
  FOREIGN KEY (tenant_id, owner_unit_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, sector_id) REFERENCES units (tenant_id, id)
);
CREATE UNIQUE INDEX vehicles_vin ON vehicles (tenant_id, vin) WHERE vin <> '';
CREATE INDEX vehicles_by_unit ON vehicles (tenant_id, owner_unit_id, status);
CREATE INDEX vehicles_by_status ON vehicles (tenant_id, status, category);

-- A vehicle's whole life, append-only: registration, edits of note, every status change
-- (with who, when and why) and every reform step. details is a JSON object.
CREATE TABLE vehicle_events (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  vehicle_id BIGINT NOT NULL,
  at TEXT NOT NULL,
  happened_on TEXT,
  actor_account_id BIGINT,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  reason TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '{}',
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicles (tenant_id, id),
  FOREIGN KEY (tenant_id, actor_account_id) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX vehicle_events_by_vehicle ON vehicle_events (tenant_id, vehicle_id, id);

-- Configuration standards (配备标准) as data: a category (and optionally an energy type)
-- bought between effective_from and effective_to (inclusive; NULL = still in force) must
-- not exceed the caps that are set. Built-in rows cite the regulation; admins add more.
CREATE TABLE vehicle_standards (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  category TEXT NOT NULL,
  energy_type TEXT CHECK (energy_type IN ('fuel', 'new_energy')),
  max_displacement_ml INTEGER CHECK (max_displacement_ml > 0),
  max_price_fen BIGINT CHECK (max_price_fen > 0),
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  regulation TEXT NOT NULL,
  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  CHECK (effective_to IS NULL OR effective_to >= effective_from),
  CHECK (max_displacement_ml IS NOT NULL OR max_price_fen IS NOT NULL)
);
CREATE INDEX vehicle_standards_by_category ON vehicle_standards (tenant_id, category, effective_from);

-- A unit's vehicle quota (编制数), compared with the vehicles it holds.
CREATE TABLE vehicle_quotas (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  unit_id BIGINT NOT NULL,
  quota INTEGER NOT NULL CHECK (quota >= 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, unit_id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);

-- ---- The reform (车改) ----------------------------------------------------------------

CREATE TABLE vehicle_campaigns (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  name TEXT NOT NULL,
  start_date TEXT NOT NULL,
  -- Cancelled vehicles must be sealed and handed over by this day (封存移交节点).
  handover_deadline TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at TEXT,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, name)
);

CREATE TABLE campaign_units (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  campaign_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, campaign_id, unit_id),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES vehicle_campaigns (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);

-- One row per vehicle taking part: the decision, then for a cancelled vehicle its sealing
-- (封存) and hand-over (移交) to the disposal custodian, signed by both sides.
CREATE TABLE campaign_vehicles (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  campaign_id BIGINT NOT NULL,
  vehicle_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  decision TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'retain', 'cancel')),
  retained_category TEXT,
  decided_at TEXT,
  sealed_on TEXT,
  seal_place TEXT,
  keys_received INTEGER CHECK (keys_received >= 0),
  documents_received TEXT,
  handed_over_on TEXT,
  handed_over_by TEXT,
  received_by TEXT,
  custodian TEXT,
  PRIMARY KEY (tenant_id, campaign_id, vehicle_id),
  UNIQUE (tenant_id, vehicle_id),
  FOREIGN KEY (tenant_id, campaign_id, unit_id) REFERENCES campaign_units (tenant_id, campaign_id, unit_id),
  FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicles (tenant_id, id),
  CHECK (decision = 'retain' OR retained_category IS NULL),
  CHECK (handed_over_on IS NULL OR sealed_on IS NOT NULL)
);
CREATE INDEX campaign_vehicles_by_unit ON campaign_vehicles (tenant_id, campaign_id, unit_id, decision);

-- Contracted agencies, chosen by open tender: appraisers (鉴定评估机构), auction houses
-- (拍卖机构) and recyclers (报废回收企业).
CREATE TABLE disposal_agencies (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  kind TEXT NOT NULL CHECK (kind IN ('appraiser', 'auction_house', 'recycler')),
  name TEXT NOT NULL,
  contract_no TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, kind, name)
);

-- Appraisal (鉴定评估) of a handed-over vehicle: the verdict decides scrap or auction.
CREATE TABLE vehicle_appraisals (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  campaign_id BIGINT NOT NULL,
  vehicle_id BIGINT NOT NULL,
  agency_id BIGINT NOT NULL,
  report_no TEXT NOT NULL,
  appraised_on TEXT NOT NULL,
  appraised_value_fen BIGINT NOT NULL CHECK (appraised_value_fen >= 0),
  vehicle_condition TEXT NOT NULL DEFAULT '',
  verdict TEXT NOT NULL CHECK (verdict IN ('scrap', 'auction')),
  created_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, vehicle_id),
  UNIQUE (tenant_id, report_no),
  FOREIGN KEY (tenant_id, campaign_id, vehicle_id) REFERENCES campaign_vehicles (tenant_id, campaign_id, vehicle_id),
  FOREIGN KEY (tenant_id, agency_id) REFERENCES disposal_agencies (tenant_id, id)
);

-- Scrapping (报废) by a recycler: the certificate and the residual income.
CREATE TABLE vehicle_scrappings (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  campaign_id BIGINT NOT NULL,
  vehicle_id BIGINT NOT NULL,
  recycler_id BIGINT NOT NULL,
  certificate_no TEXT NOT NULL,
  scrapped_on TEXT NOT NULL,
  residual_income_fen BIGINT NOT NULL CHECK (residual_income_fen >= 0),
  created_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, vehicle_id),
  UNIQUE (tenant_id, certificate_no),
  FOREIGN KEY (tenant_id, campaign_id, vehicle_id) REFERENCES campaign_vehicles (tenant_id, campaign_id, vehicle_id),
  FOREIGN KEY (tenant_id, recycler_id) REFERENCES disposal_agencies (tenant_id, id)
);

-- Auction batches (拍卖批次) run by an auction house; status draft → open → settled.
CREATE TABLE auction_batches (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  campaign_id BIGINT NOT NULL,
  batch_no INTEGER NOT NULL CHECK (batch_no > 0),
  auction_house_id BIGINT NOT NULL,
  platform TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'settled')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, campaign_id, batch_no),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES vehicle_campaigns (tenant_id, id),
  FOREIGN KEY (tenant_id, auction_house_id) REFERENCES disposal_agencies (tenant_id, id),
  CHECK (ends_on >= starts_on)
);

-- One lot per vehicle per batch. A reserve below the appraised value needs a recorded
-- approval; a hammer price below the reserve is refused. An unsold vehicle may go into a
-- later batch as a new lot; it is sold at most once.
CREATE TABLE auction_lots (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  batch_id BIGINT NOT NULL,
  vehicle_id BIGINT NOT NULL,
  lot_no INTEGER NOT NULL CHECK (lot_no > 0),
  reserve_price_fen BIGINT NOT NULL CHECK (reserve_price_fen >= 0),
  reserve_approval TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'sold', 'unsold')),
  hammer_price_fen BIGINT CHECK (hammer_price_fen >= 0),
  buyer TEXT,
  payment_received_fen BIGINT NOT NULL DEFAULT 0 CHECK (payment_received_fen >= 0),
  paid_on TEXT,
  ownership_transferred_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, batch_id, lot_no),
  UNIQUE (tenant_id, batch_id, vehicle_id),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES auction_batches (tenant_id, id),
  FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicles (tenant_id, id),
  CHECK (result = 'sold' OR (hammer_price_fen IS NULL AND buyer IS NULL AND payment_received_fen = 0))
);
CREATE UNIQUE INDEX auction_lots_sold_once ON auction_lots (tenant_id, vehicle_id) WHERE result = 'sold';
CREATE UNIQUE INDEX auction_lots_one_pending ON auction_lots (tenant_id, vehicle_id) WHERE result = 'pending';

-- Remittance of disposal income to the treasury's special account (上缴财政专户).
CREATE TABLE vehicle_remittances (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  campaign_id BIGINT NOT NULL,
  remitted_on TEXT NOT NULL,
  amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
  voucher_no TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  ${TENANT_KEY},
  UNIQUE (tenant_id, voucher_no),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES vehicle_campaigns (tenant_id, id)
);

-- Allocation of retained vehicles (机要通信、应急保障) to a sector (口) with its lead unit at
-- the time, with effective dates; the open row (effective_to NULL) is the current one.
CREATE TABLE vehicle_sector_allocations (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  ${ID},
  vehicle_id BIGINT NOT NULL,
  sector_id BIGINT NOT NULL,
  lead_unit_id BIGINT,
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  ${TENANT_KEY},
  FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicles (tenant_id, id),
  FOREIGN KEY (tenant_id, sector_id) REFERENCES units (tenant_id, id),
  FOREIGN KEY (tenant_id, lead_unit_id) REFERENCES units (tenant_id, id),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE UNIQUE INDEX vehicle_allocations_open ON vehicle_sector_allocations (tenant_id, vehicle_id) WHERE effective_to IS NULL;
CREATE INDEX vehicle_allocations_by_sector ON vehicle_sector_allocations (tenant_id, sector_id, effective_to);
