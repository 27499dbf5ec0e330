// Shapes of the server's JSON (see the API contract in the issue "Foundation").

export interface Tenant {
  code: string
  name: string
}

export interface User {
  id: number
  username: string
  display_name: string
  role: string
  unit_id: number | null
  tenant: Tenant
  /** The role's permissions and patterns ("*", "org.*", "*.read"). */
  permissions: string[]
}

export interface Health {
  status: string
  db: 'sqlite' | 'postgresql' | string
  version: string
}

export const UNIT_KINDS = ['bureau', 'section', 'department', 'sector'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export interface Unit {
  id: number
  code: string
  name: string
  kind: UnitKind
  parent_id: number | null
  /** In list answers: the parent's name, so the table needs no second request. */
  parent_name?: string | null
  sort_order: number
  active: boolean
}

export interface UnitNode extends Unit {
  children: UnitNode[]
}

export interface Page<T> {
  items: T[]
  total: number
}

// ---- Accounts, roles, permissions ----

export interface Account {
  id: number
  username: string
  display_name: string
  role: string
  unit_id: number | null
  active: boolean
  locked_until: string | null
  created_at?: string
  updated_at?: string
}

export const DATA_SCOPES = ['all', 'unit_and_below', 'unit', 'self'] as const
export type DataScope = (typeof DATA_SCOPES)[number]

export interface Role {
  id: number
  code: string
  name: string
  /** Permissions (`org.read`) or patterns (`*`, `org.*`, `*.read`). */
  permissions: string[]
  data_scope: DataScope
  builtin: boolean
  created_at?: string
  updated_at?: string
}

export interface Permission {
  code: string
  module: string
  action: string
}

// ---- Audit ----

export interface AuditEntry {
  id: number
  at: string
  actor_account_id: number | null
  actor: string
  action: string
  entity: string
  entity_id: number | null
  /** `{"field":{"from":…,"to":…}}` for changes, or the created record. */
  diff: Record<string, unknown>
  request_id: string
  client_addr: string
  hash: string
}

export interface AuditVerify {
  ok: boolean
  checked: number
  first_bad_id?: number
}

// ---- Calendar ----

export interface CalendarDay {
  date: string
  /** true: a day off (holiday); false: a make-up working day. */
  off: boolean
  name: string
}

export interface CalendarYear {
  year: number
  days: CalendarDay[]
  workdays: number
  source: 'shipped' | 'tenant' | 'mixed' | string
}

// ---- People, sectors, dictionaries ----

export interface PersonPost {
  id: number
  unit_id: number
  unit_code: string
  unit_name: string
  post: string
  rank: string
  rank_label: string | null
  is_primary: boolean
  active_post: boolean
  start_date: string | null
  end_date: string | null
}

export interface Person {
  id: number
  name: string
  gender: string | null
  unit_id: number
  unit_code: string
  unit_name: string
  rank: string
  rank_label: string | null
  post: string
  phone: string
  active: boolean
  created_at: string
  updated_at: string
  posts?: PersonPost[]
}

export interface Sector {
  id: number
  code: string
  name: string
  sort_order: number
  active: boolean
  lead_unit_id: number | null
  lead_unit_code: string | null
  lead_unit_name: string | null
  department_count: number
}

export interface DictionaryItem {
  id: number
  value: string
  label: string
  sort_order: number
  active: boolean
}

export interface Dictionary {
  id: number
  code: string
  name: string
  builtin: boolean
  item_count: number
  items?: DictionaryItem[]
}

export interface ImportRowError {
  row: number
  column: string
  message: string
}

// ---- Requests (workflow) ----

export interface TimeLimit {
  value: number
  unit: 'workdays' | 'workhours' | string
}

export interface WorkflowType {
  code: string
  name: string
  states: { code: string; label: string; kind: string; actor: string | null; rateable: boolean; limit: TimeLimit | null }[]
  transitions: { action: string; from: string[]; to: string | null; actor: string }[]
}

export interface NamedRef {
  id: number
  name: string
}

export interface RequestSummary {
  id: number
  type: string
  type_name: string
  title: string
  body: string
  state: string
  state_label: string
  state_kind: 'open' | 'waiting' | 'closed' | string | null
  applicant: NamedRef
  applicant_unit: NamedRef | null
  first_contact: NamedRef | null
  handler: NamedRef | null
  step_started_at: string
  time_limit: TimeLimit | null
  due_at: string | null
  paused_seconds: number
  closed_at: string | null
  rating: number | null
  rating_comment: string | null
  flags: { overdue: boolean; due_soon: boolean; paused: boolean }
  created_at: string
  updated_at: string
}

export interface RequestEvent {
  id: number
  at: string
  actor: NamedRef | null
  action: string
  from_state: string | null
  to_state: string
  comment: string
  to_account: NamedRef | null
}

export interface RequestDetail extends RequestSummary {
  history: RequestEvent[]
  allowed_actions: string[]
}

// ---- Official vehicles (公务用车); money is integer fen, days `YYYY-MM-DD` ----

export const VEHICLE_STATUSES = ['in_service', 'cancelled', 'sealed', 'awaiting_disposal', 'scrapped', 'auctioned', 'transferred'] as const
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number]
export type EnergyType = 'fuel' | 'new_energy'

export interface StandardViolation {
  field: 'displacement_ml' | 'purchase_price_fen' | string
  limit: number
  actual: number
}

/** A vehicle against the configuration standard in force on its purchase date. */
export interface StandardCheck {
  result: 'ok' | 'over' | 'none'
  regulation: string
  violations: StandardViolation[]
}

export interface Vehicle {
  id: number
  plate: string
  brand_model: string
  category: string
  category_label: string
  energy_type: EnergyType
  displacement_ml: number
  seats: number
  vin: string
  engine_no: string
  purchase_date: string
  purchase_price_fen: number
  funding_source: string
  funding_source_label: string
  owner_unit_id: number
  owner_unit_name: string
  sector_id: number | null
  sector_name: string | null
  status: VehicleStatus
  status_label: string
  odometer_km: number
  notes: string
  created_at: string
  updated_at: string
  standard: StandardCheck
}

export interface VehicleEvent {
  id: number
  at: string
  happened_on: string | null
  actor: NamedRef | null
  action: string
  from_status: VehicleStatus | null
  to_status: VehicleStatus | null
  reason: string
  details: Record<string, unknown>
}

export interface VehicleStandard {
  id: number
  category: string
  category_label: string
  energy_type: EnergyType | null
  max_displacement_ml: number | null
  max_price_fen: number | null
  effective_from: string
  effective_to: string | null
  regulation: string
  builtin: boolean
}

export interface VehicleQuota {
  unit_id: number
  unit_code: string
  unit_name: string
  quota: number | null
  held: number
  over: boolean
}

export interface FleetReportRow {
  unit_id: number
  unit_code: string
  unit_name: string
  total: number
  by_category: Record<string, number>
  by_status: Record<string, number>
  quota: number | null
  over_quota: boolean
}

export interface FleetReport extends Page<FleetReportRow> {
  totals: Partial<FleetReportRow>
}

export interface Campaign {
  id: number
  name: string
  start_date: string
  handover_deadline: string
  status: 'open' | 'closed'
  closed_at: string | null
  notes: string
  units: number
  vehicles: number
  pending: number
  retained: number
  cancelled: number
}

/** A participating unit's progress on the campaign board. */
export interface CampaignUnit {
  unit_id: number
  unit_code: string
  unit_name: string
  vehicles: number
  pending: number
  retained: number
  cancelled: number
  sealed: number
  handed_over: number
  overdue: boolean
}

export const CAMPAIGN_STAGES = ['decide', 'seal', 'hand_over', 'appraise', 'scrap', 'auction', 'disposed', 'retained'] as const
export type CampaignStage = (typeof CAMPAIGN_STAGES)[number]

export interface CampaignVehicle {
  vehicle_id: number
  plate: string
  brand_model: string
  category: string
  unit_id: number
  unit_name: string
  decision: 'pending' | 'retain' | 'cancel'
  retained_category: string | null
  sealed_on: string | null
  seal_place: string | null
  keys_received: number | null
  documents_received: string | null
  handed_over_on: string | null
  handed_over_by: string | null
  received_by: string | null
  custodian: string | null
  verdict: 'scrap' | 'auction' | null
  appraised_value_fen: number | null
  disposal: 'scrapped' | 'auctioned' | null
  income_fen: number | null
  stage: CampaignStage
}

export const AGENCY_KINDS = ['appraiser', 'auction_house', 'recycler'] as const
export type AgencyKind = (typeof AGENCY_KINDS)[number]

export interface Agency {
  id: number
  kind: AgencyKind
  name: string
  contract_no: string
  contact: string
  phone: string
  active: boolean
}

export interface AuctionLot {
  id: number
  lot_no: number
  vehicle_id: number
  plate: string
  brand_model: string
  appraised_value_fen: number | null
  reserve_price_fen: number
  reserve_approval: string
  result: 'pending' | 'sold' | 'unsold'
  hammer_price_fen: number | null
  buyer: string | null
  payment_received_fen: number
  paid_on: string | null
  ownership_transferred_on: string | null
}

export interface AuctionBatch {
  id: number
  campaign_id: number
  batch_no: number
  auction_house_id: number
  auction_house_name: string
  platform: string
  starts_on: string
  ends_on: string
  status: 'draft' | 'open' | 'settled'
  lots: number
  sold: number
  unsold: number
  income_fen: number
}

export interface AuctionBatchDetail extends Omit<AuctionBatch, 'lots'> {
  lots: AuctionLot[]
}

export interface Remittance {
  id: number
  remitted_on: string
  amount_fen: number
  voucher_no: string
  notes: string
  created_at: string
}

export interface RemittanceLedger extends Page<Remittance> {
  received_fen: number
  remitted_fen: number
  difference_fen: number
}

export interface VehicleAllocation {
  id: number
  vehicle_id: number
  plate: string
  category: string
  sector_id: number
  sector_name: string
  lead_unit_id: number | null
  lead_unit_name: string | null
  effective_from: string
  effective_to: string | null
  reason: string
}

export interface SectorVehicles {
  sector_id: number
  name: string
  lead_unit_id: number | null
  lead_unit: string | null
  vehicles: { id: number; plate: string; brand_model: string; category: string }[]
  count: number
}

export interface CampaignStats {
  participating_units: number
  vehicles: number
  cancelled: number
  retained: number
  scrapped: number
  auctioned: number
  auction_batches: number
  auction_income_fen: number
  scrap_income_fen: number
  remitted_fen: number
  retained_by_sector: { sector_id: number; name: string; lead_unit: string | null; vehicles: number }[]
}

// ---- Meetings (会议保障); instants are ISO UTC (`…Z`), days `YYYY-MM-DD` (Beijing) ----

export const ROOM_LAYOUTS = ['boardroom', 'theatre', 'classroom', 'u_shape'] as const
export type RoomLayout = (typeof ROOM_LAYOUTS)[number]
export const ROOM_EQUIPMENT = ['projector', 'screen', 'microphones', 'video_conferencing', 'led_banner'] as const
export const MEETING_TYPES = ['regular', 'leadership', 'congress', 'training', 'external'] as const
export type MeetingType = (typeof MEETING_TYPES)[number]
export const BOOKING_STATUSES = ['pending', 'confirmed', 'cancelled'] as const
export type BookingStatus = (typeof BOOKING_STATUSES)[number]
/** The yes/no services of a booking (the rest: banner_text, led_message, catering_headcount). */
export const SERVICE_FLAGS = ['tea_water', 'name_cards', 'sound_engineer', 'projection', 'photographer'] as const

export interface MeetingServices {
  tea_water?: boolean
  name_cards?: boolean
  sound_engineer?: boolean
  projection?: boolean
  photographer?: boolean
  banner_text?: string
  led_message?: string
  catering_headcount?: number
  [key: string]: unknown
}

export interface MeetingRoom {
  id: number
  building: string
  floor: string | number | null
  room_no: string
  name: string
  capacity: number
  layout: RoomLayout
  equipment: string[]
  bookable: boolean
  booking_roles: string[]
  needs_approval: boolean
  setup_minutes: number
  cleanup_minutes: number
  active: boolean
  notes: string
  part_ids: number[]
  created_at?: string
  updated_at?: string
}

export interface Booking {
  id: number
  room_id: number
  room_name: string
  series_id: number | null
  occurrence_date?: string | null
  detached?: boolean
  title: string
  host_unit_id: number
  host_unit_name: string
  chair: string
  attendees: number
  meeting_type: MeetingType
  start: string
  end: string
  blocked_from: string
  blocked_to: string
  services: MeetingServices
  notes: string
  status: BookingStatus
  booked_by: number
  booked_by_name?: string
  cancel_reason: string | null
  cancelled_at: string | null
  request_id?: number | null
  checked_in_at?: string | null
  checked_in_by?: number | null
  displaced_by?: number | null
  created_at?: string
  updated_at?: string
}

/** A booking as the timeline and the room calendar show it. */
export interface BookingBar {
  id: number
  room_id: number
  title: string
  host_unit_id: number
  host_unit_name: string
  start: string
  end: string
  blocked_from: string
  blocked_to: string
  status: BookingStatus
  meeting_type: MeetingType
  series_id: number | null
  attendees: number
}

export interface TimelineRoom {
  id: number
  name: string
  building: string
  floor: string | number | null
  capacity: number
  part_ids: number[]
  bookable: boolean
}

export interface Timeline {
  from: string
  to: string
  rooms: TimelineRoom[]
  bookings: BookingBar[]
}

export interface RoomCalendar {
  room: MeetingRoom
  month: string
  days: { date: string; workday: boolean; holiday: string | null; bookings: BookingBar[] }[]
}

export interface Recurrence {
  freq: 'daily' | 'weekly' | 'monthly'
  weekdays?: number[]
  until?: string
  count?: number
  skip_holidays?: boolean
}

export interface SeriesPreview {
  occurrences: { date: string; start: string; end: string; status: 'free' | 'conflict'; booking_id?: number }[]
  skipped: { date: string; reason: 'holiday' | 'weekend' | string }[]
  conflicts: number
}

export interface MeetingSeries {
  id: number
  room_id: number
  title: string
  recurrence?: Recurrence
  freq?: string
  first_date?: string
  until?: string | null
  count?: number | null
  occurrences?: Booking[]
  [key: string]: unknown
}

export interface MeetingTask {
  id: number
  booking_id: number
  kind: 'setup' | 'serve' | 'cleanup'
  title: string
  due_at: string
  assignee_account_id: number | null
  status: 'open' | 'done' | 'cancelled'
  done_at: string | null
  done_by: number | null
  booking_title?: string
  room_name?: string
  start?: string
}

export interface MeetingStatsRow {
  meetings: number
  hours: number
  attendees: number
}

export interface MeetingStats extends MeetingStatsRow {
  from: string
  to: string
  working_hours: number
  by_room: (MeetingStatsRow & { room_id: number; room_name: string; utilisation_pct: number })[]
  by_unit: (MeetingStatsRow & { unit_id: number; unit_name: string })[]
  by_type: (MeetingStatsRow & { meeting_type: MeetingType; label: string })[]
}

export interface MeetingFeeds {
  token_hint: string
  room_url_template: string
  my_url: string
}

export interface AppNotification {
  id: number
  kind: string
  title: string
  body: string
  link: string | null
  created_at: string
  read_at: string | null
}

// ---- Mail room (收发室) ----

export const MAIL_KINDS = ['registered', 'confidential', 'ordinary', 'parcel', 'periodical'] as const
export type MailKind = (typeof MAIL_KINDS)[number]
/** Kinds that may be registered as a counted batch (平信, 报刊). */
export const MAIL_BATCH_KINDS: readonly MailKind[] = ['ordinary', 'periodical']
export const MAIL_STATUSES = ['received', 'notified', 'delivered', 'returned', 'forwarded', 'dispatched'] as const
export type MailStatus = (typeof MAIL_STATUSES)[number]
export const SECRECY_LEVELS = ['secret', 'confidential', 'top_secret'] as const
export type SecrecyLevel = (typeof SECRECY_LEVELS)[number]
export type MailDirection = 'in' | 'out'

export interface MailItem {
  id: number
  code: string
  kind: MailKind
  direction: MailDirection
  tracking_no: string | null
  count: number
  sender: string
  sender_unit_id: number | null
  sender_unit_name: string | null
  addressee_unit_id: number | null
  addressee_unit_name: string | null
  addressee: string
  addressee_account_id: number | null
  secrecy_level: SecrecyLevel | null
  envelope_no: string
  sending_organ: string
  slot_id: number | null
  slot_code: string | null
  received_at: string
  received_on: string
  registered_by: number | null
  status: MailStatus
  notified_at: string | null
  closed_at: string | null
  closed_on: string | null
  receiver_name: string | null
  receiver_account_id: number | null
  signature_method: 'drawn' | 'pin' | null | string
  forwarded_to: string | null
  close_reason: string | null
  dispatch_id: number | null
  custodian_account_id: number | null
  notes: string
  created_at: string
  updated_at: string
}

export interface MailEvent {
  id: number
  item_id: number
  action: string
  at: string
  actor_account_id: number | null
  from_name: string
  from_account_id: number | null
  to_name: string
  to_account_id: number | null
  note: string
  corrects_id: number | null
}

export interface MailSlot {
  id: number
  code: string
  name: string
  active: boolean
  on_hand: number
  created_at: string
  updated_at: string
}

export interface MailFigures {
  start: number
  received: number
  delivered: number
  returned: number
  forwarded: number
  dispatched: number
  end: number
}

export interface MailDifference {
  type: 'missing' | 'unexpected' | 'count_mismatch' | string
  item_id: number | null
  code: string | null
  tracking_no: string | null
  kind: MailKind | string
  addressee_unit_name: string | null
  expected: number | null
  counted: number | null
}

export interface MailExplanation {
  item_id?: number | null
  kind?: string | null
  note: string
  [key: string]: unknown
}

export interface MailDay {
  day: string
  closed: boolean
  figures: Record<string, MailFigures>
  totals: MailFigures | null
  expected_on_hand: MailItem[]
  closed_at: string | null
  closed_by: number | string | null
  closed_by_name?: string | null
  digest: string | null
  explanations: MailExplanation[] | null
  /** In the list of closed days: how many differences were explained. */
  explained?: number
}

export interface MailDispatch {
  id: number
  carrier: string
  dispatched_at: string
  dispatched_by: number | string | null
  dispatched_by_name?: string | null
  item_count: number
  notes: string
  items?: MailItem[]
}

export interface MailStats {
  from: string
  to: string
  by_kind: Record<MailKind, number>
  by_direction: { in: number; out: number }
  delivered: number
  on_hand: number
  returned: number
  forwarded: number
  dispatched: number
  avg_hours_to_delivery: number | null
  by_unit: { unit_id: number; unit_name: string; received: number; delivered: number; on_hand: number }[]
  by_month: { month: string; in: number; out: number }[]
}
